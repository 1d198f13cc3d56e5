package io.innopoints.ingest.domain;

import io.innopoints.schemas.topic.EventType;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A bounded memory of recently accepted (or in-flight) events per provider, keyed by event type and eventId, so a
 * resend is answered "duplicate, already accepted" without writing it again. Least recently used entries are
 * forgotten beyond {@code capacityPerProvider}; an older resend is then written again, which is harmless because
 * consumers deduplicate by eventId. A failed publish is forgotten so a retry really retries.
 */
public final class RecentEvents {
    /**
     * What is remembered of one event: the SHA-256 of its canonical bytes ({@link ContentDigest#of}) and its
     * (pending) coordinates.
     */
    public record Entry(byte[] fingerprint, CompletableFuture<RecordCoordinates> coordinates) {
        /** True when both entries stand for exactly the same content. */
        public boolean sameContent(Entry other) {
            return MessageDigest.isEqual(fingerprint, other.fingerprint);
        }
    }

    private final int capacityPerProvider;
    private final Map<String, LinkedHashMap<String, Entry>> byProvider = new HashMap<>();

    public RecentEvents(int capacityPerProvider) {
        this.capacityPerProvider = capacityPerProvider;
    }

    /**
     * The entry already remembered for this event, or null after remembering {@code candidate} for it.
     */
    public synchronized Entry putIfAbsent(String provider, EventType type, String eventId, Entry candidate) {
        if (capacityPerProvider == 0) {
            return null;
        }
        LinkedHashMap<String, Entry> map = byProvider.computeIfAbsent(provider, p -> new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacityPerProvider;
            }
        });
        String key = type.id() + '\u0000' + eventId;
        Entry existing = map.get(key);
        if (existing != null) {
            return existing;
        }
        map.put(key, candidate);
        return null;
    }

    /** Forgets an entry (after its publish failed), unless it was replaced meanwhile. */
    public synchronized void forget(String provider, EventType type, String eventId, Entry entry) {
        LinkedHashMap<String, Entry> map = byProvider.get(provider);
        if (map != null) {
            map.remove(type.id() + '\u0000' + eventId, entry);
        }
    }

    public synchronized int size(String provider) {
        LinkedHashMap<String, Entry> map = byProvider.get(provider);
        return map == null ? 0 : map.size();
    }
}
