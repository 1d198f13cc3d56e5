package io.innopoints.stream.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages one stage received since its task's last commit, per enterprise in arrival order, with consecutive
 * updates of one enterprise collapsed into the latest (its causes first): the rank stage applies them once per
 * commit, so an enterprise whose score changed five times in one commit is ranked and published once. A SCORE
 * that arrived from another stage is never collapsed into: it waits for its HANDOVER by its own sequence.
 */
public final class StageInbox {
    /** A message and the timestamp of the record that carried it. */
    public record Entry(StageMessage message, long timestamp) {
    }

    private final Map<String, List<Entry>> byEnterprise = new LinkedHashMap<>();
    private int size;

    public void add(StageMessage message, long timestamp) {
        List<Entry> entries = byEnterprise.computeIfAbsent(message.creditCode(), k -> new ArrayList<>(2));
        if (!entries.isEmpty()) {
            StageMessage last = entries.get(entries.size() - 1).message();
            if (collapses(last, message)) {
                StageMessage.Score score = (StageMessage.Score) message;
                entries.set(entries.size() - 1, new Entry(score.withEarlierCauses(last.causeEventIds()), timestamp));
                return;
            }
        }
        entries.add(new Entry(message, timestamp));
        size++;
    }

    /** Messages kept (after collapsing). */
    public int size() {
        return size;
    }

    /**
     * True when {@code next} makes {@code last} obsolete: both full evaluations under the same model kind (official or
     * shadow) in this stage, and {@code last} is not an official arrival waiting for its HANDOVER.
     */
    static boolean collapses(StageMessage last, StageMessage next) {
        return last instanceof StageMessage.Score l && next instanceof StageMessage.Score n && l.shadow() == n.shadow()
                && (l.shadow() || !l.arrival());
    }

    /** Every kept message, enterprise by enterprise in the order each enterprise first arrived. */
    public List<Entry> drain() {
        List<Entry> out = new ArrayList<>();
        byEnterprise.values().forEach(out::addAll);
        byEnterprise.clear();
        size = 0;
        return out;
    }
}
