package io.innopoints.stream.domain;

import io.innopoints.scoring.profile.FactFold;
import io.innopoints.scoring.profile.FactFold.Kind;
import io.innopoints.scoring.profile.FactFold.Write;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * What one enterprise's events changed since its task's last commit: the fact writes ({@link FactFold}), the last
 * per fact, and the eventIds that made them (arrival order). Seen through {@link #over}, the stored facts already
 * include them, so later events of the same commit fold against them; the commit writes them once.
 */
public final class PendingFacts {
    private final Map<String, Write> latest = new LinkedHashMap<>();
    private final List<String> causes = new ArrayList<>(2);
    /** Each added event's bytes as received, by identity: stored as they are ({@link #received}). */
    private final Map<SpecificRecord, byte[]> received = new IdentityHashMap<>(2);
    /** The origin of each fact's last write, by the key of {@link #latest}. */
    private final Map<String, FactOrigin> origins = new HashMap<>(4);

    /** The stored facts with this commit's writes on top. */
    public FactFold.Facts over(FactFold.Facts stored) {
        return new FactFold.Facts() {
            @Override
            public SpecificRecord event(Kind kind, String eventId) {
                Write w = latest.get(kind.name() + "|" + eventId);
                if (w == null) {
                    return stored.event(kind, eventId);
                }
                return w instanceof Write.Put put ? put.event() : null;
            }

            @Override
            public boolean retracted(String eventId) {
                return latest.containsKey("X|" + eventId) || stored.retracted(eventId);
            }
        };
    }

    /**
     * Adds what folding one event wrote; {@code bytes}: the event as received (what the fact store keeps);
     * {@code origin}: the event and where it was read.
     */
    public void add(SpecificRecord event, String eventId, byte[] bytes, List<Write> writes, FactOrigin origin) {
        received.put(event, Objects.requireNonNull(bytes, "bytes"));
        Objects.requireNonNull(origin, "origin");
        for (Write w : writes) {
            String key = keyOf(w);
            latest.put(key, w);
            origins.put(key, origin);
        }
        if (!causes.contains(eventId)) {
            causes.add(eventId);
        }
    }

    /** The last write of every fact this commit changed, in the order the facts were first changed. */
    public Collection<Write> writes() {
        return latest.values();
    }

    public List<String> causes() {
        return causes;
    }

    /** The bytes an event added here arrived as, null for an event not added here. */
    public byte[] received(SpecificRecord event) {
        return received.get(event);
    }

    /** The origin of a write of {@link #writes()}. */
    public FactOrigin origin(Write w) {
        return origins.get(keyOf(w));
    }

    private static String keyOf(Write w) {
        if (w instanceof Write.Put put) {
            return put.kind().name() + "|" + put.event().get(0);
        } else if (w instanceof Write.Delete delete) {
            return delete.kind().name() + "|" + delete.eventId();
        }
        return "X|" + ((Write.Retract) w).eventId();
    }
}
