package io.innopoints.stream.topology;

import io.innopoints.stream.domain.Member;
import io.innopoints.stream.domain.MemberStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's member store (key stage ‖ credit code) with the members read again kept decoded ({@link RecentCache}): the rank stage
 * reads a member for every message, every ripple republication and every leaderboard name, and decoding a member
 * (its whole last message) cost more than ranking it. Writes go through to the store at once, so the store stays
 * the truth; the cache lives and dies with the processor (a restore or a rebalance starts a new one).
 */
final class CachedMemberStore implements MemberStore {
    private final KeyValueStore<String, Member> store;
    private final Map<String, Member> recent;

    CachedMemberStore(KeyValueStore<String, Member> store, int capacity) {
        this.store = store;
        this.recent = RecentCache.of(capacity);
    }

    private static String key(String stage, String creditCode) {
        return stage + "|" + creditCode;
    }

    @Override
    public Member get(String stage, String creditCode) {
        String key = key(stage, creditCode);
        Member m = recent.get(key);
        if (m == null) {
            m = store.get(key);
            if (m != null) {
                recent.put(key, m);
            }
        }
        return m;
    }

    @Override
    public void put(String stage, Member member) {
        String key = key(stage, member.creditCode());
        store.put(key, member);
        recent.put(key, member);
    }

    @Override
    public void delete(String stage, String creditCode) {
        String key = key(stage, creditCode);
        store.put(key, null); // a delete without reading the old value first
        recent.remove(key);
    }

    @Override
    public void forEach(Consumer<Member> action) {
        try (KeyValueIterator<String, Member> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, Member> kv = it.next();
                action.accept(kv.value);
            }
        }
    }

    /** Deletes every member (a candidate model's members after STOP_SHADOW). */
    void deleteAll() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Member> it = store.all()) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.forEach(store::delete);
        recent.clear();
    }
}
