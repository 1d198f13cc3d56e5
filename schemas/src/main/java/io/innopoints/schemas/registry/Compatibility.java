package io.innopoints.schemas.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaValidationException;
import org.apache.avro.SchemaValidator;
import org.apache.avro.SchemaValidatorBuilder;

/**
 * Confluent's schema compatibility levels and the one implementation of them in InnoPoints: decides whether a
 * candidate schema may follow the schemas already registered under a subject, and says why not.
 *
 * <p>BACKWARD = the new schema can read data written with the old one, FORWARD = the old schema can read data
 * written with the new one, FULL = both. The plain levels compare with the latest schema only, the
 * {@code *_TRANSITIVE} levels with every earlier schema. The decision is Avro's {@link SchemaValidatorBuilder}
 * (canReadStrategy / canBeReadStrategy / mutualReadStrategy with validateLatest / validateAll); the reasons come
 * from Avro's {@link SchemaCompatibility}. Used by the in-memory client, the embedded registry server and the
 * build's compatibility guard.
 */
public enum Compatibility {
    NONE,
    BACKWARD,
    BACKWARD_TRANSITIVE,
    FORWARD,
    FORWARD_TRANSITIVE,
    FULL,
    FULL_TRANSITIVE;

    /** Confluent's default level. */
    public static final Compatibility DEFAULT = BACKWARD;

    /**
     * Parses a level name as Confluent spells it (case-insensitive).
     *
     * @throws RegistryException 42203 naming the accepted levels when the name is unknown
     */
    public static Compatibility parse(String name) {
        if (name != null) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // fall through to the error that lists the valid names
            }
        }
        throw new RegistryException(422, RegistryException.INVALID_COMPATIBILITY_LEVEL,
                "Invalid compatibility level '" + name + "': expected one of " + List.of(values()));
    }

    public boolean transitive() {
        return name().endsWith("_TRANSITIVE");
    }

    /** Convenience for {@link #check(Schema, Map)} labelling the previous schemas "#1", "#2", … (oldest first). */
    public CompatibilityResult check(Schema candidate, List<Schema> previousOldestFirst) {
        Map<String, Schema> labelled = new LinkedHashMap<>();
        for (int i = 0; i < previousOldestFirst.size(); i++) {
            labelled.put("#" + (i + 1), previousOldestFirst.get(i));
        }
        return check(candidate, labelled);
    }

    /**
     * Checks a candidate against the schemas registered before it.
     *
     * @param candidate the schema about to be registered
     * @param previousOldestFirst earlier schemas by label (e.g. "version 3"), in registration order
     * @return compatible, or not compatible with one readable message per failing pair
     */
    public CompatibilityResult check(Schema candidate, Map<String, Schema> previousOldestFirst) {
        if (this == NONE || previousOldestFirst.isEmpty()) {
            return CompatibilityResult.ok();
        }
        List<Map.Entry<String, Schema>> ordered = new ArrayList<>(previousOldestFirst.entrySet());
        List<Map.Entry<String, Schema>> relevant = transitive() ? ordered : ordered.subList(ordered.size() - 1,
                ordered.size());
        List<Schema> newestFirst = new ArrayList<>();
        relevant.forEach(e -> newestFirst.add(e.getValue()));
        Collections.reverse(newestFirst); // Avro's validators expect the most recent schema first
        try {
            validator().validate(candidate, newestFirst);
            return CompatibilityResult.ok();
        } catch (SchemaValidationException e) {
            List<String> reasons = new ArrayList<>();
            for (Map.Entry<String, Schema> previous : relevant) {
                reasons.addAll(reasons(candidate, previous.getKey(), previous.getValue()));
            }
            if (reasons.isEmpty()) {
                reasons.add(name() + ": " + e.getMessage());
            }
            return CompatibilityResult.incompatible(reasons);
        }
    }

    private SchemaValidator validator() {
        SchemaValidatorBuilder builder = new SchemaValidatorBuilder();
        switch (this) {
            case BACKWARD, BACKWARD_TRANSITIVE -> builder.canReadStrategy();
            case FORWARD, FORWARD_TRANSITIVE -> builder.canBeReadStrategy();
            case FULL, FULL_TRANSITIVE -> builder.mutualReadStrategy();
            default -> throw new IllegalStateException("no validator for " + this);
        }
        return transitive() ? builder.validateAll() : builder.validateLatest();
    }

    private List<String> reasons(Schema candidate, String label, Schema previous) {
        List<String> reasons = new ArrayList<>();
        boolean backward = this != FORWARD && this != FORWARD_TRANSITIVE;
        boolean forward = this != BACKWARD && this != BACKWARD_TRANSITIVE;
        if (backward) {
            describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, previous),
                    "the new schema cannot read data written with " + label, reasons);
        }
        if (forward) {
            describe(SchemaCompatibility.checkReaderWriterCompatibility(previous, candidate),
                    label + " cannot read data written with the new schema", reasons);
        }
        return reasons;
    }

    private static void describe(SchemaCompatibility.SchemaPairCompatibility pair, String what, List<String> out) {
        for (SchemaCompatibility.Incompatibility i : pair.getResult().getIncompatibilities()) {
            out.add(what + ": " + i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")");
        }
    }
}
