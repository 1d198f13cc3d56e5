package io.innopoints.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The semantics of a Confluent-compatible schema registry, independent of transport and storage: global schema
 * ids (one per distinct schema), per-subject versions, compatibility levels (global and per subject, enforced
 * with {@link Compatibility}), soft deletion. Shared by {@link InMemorySchemaRegistryClient} and the embedded
 * registry server so both behave the same.
 *
 * <p>State changes only through {@link #apply(RegistryEntry)}. A write decides its entry from the current state,
 * hands it to the {@link Journal} and succeeds only when the journal has applied it back (for the server: after
 * it was produced to and read back from the {@code _schemas} topic), so the journal is the single source of truth
 * and replaying it rebuilds identical ids. Conflicting entries (another writer took the id or version first) are
 * ignored on apply; the losing writer notices and decides again. Thread-safe.
 */
public final class RegistryCore {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryCore.class);
    private static final int WRITE_ATTEMPTS = 5;

    /** Durable, ordered storage of entries. */
    @FunctionalInterface
    public interface Journal {
        /**
         * Stores the entry and returns once it has been {@linkplain RegistryCore#apply applied} to this core.
         *
         * @throws RegistryException 50001 when the entry could not be stored
         */
        void append(RegistryEntry entry);

        /** Waits until entries other writers stored are applied; called before a write decides. */
        default void catchUp() {
        }
    }

    private record Version(int id, boolean deleted) {
    }

    private final Object state = new Object();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Journal journal;

    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsByCanonical = new HashMap<>();
    private final Map<String, TreeMap<Integer, Version>> subjects = new TreeMap<>();
    private final Map<String, Compatibility> subjectLevels = new HashMap<>();
    private Compatibility globalLevel;
    private int maxId;

    /** A core over a journal that calls {@link #apply} once an entry is durable. */
    public RegistryCore(Journal journal) {
        this.journal = journal;
    }

    /** A core whose journal applies entries immediately (no durability). */
    public static RegistryCore inMemory() {
        RegistryCore[] self = new RegistryCore[1];
        self[0] = new RegistryCore(entry -> self[0].apply(entry));
        return self[0];
    }

    /**
     * Parses schema text as the registry accepts it.
     *
     * @param schemaType null or "AVRO"; anything else is rejected
     * @throws RegistryException 42201 naming the problem
     */
    public static Schema parse(String schemaText, String schemaType) {
        if (schemaType != null && !schemaType.equalsIgnoreCase("AVRO")) {
            throw RegistryException.invalidSchema("schemaType '" + schemaType
                    + "' is not supported: this registry stores AVRO schemas only");
        }
        if (schemaText == null || schemaText.isBlank()) {
            throw RegistryException.invalidSchema("the 'schema' field is missing or empty");
        }
        try {
            return new Schema.Parser().parse(schemaText);
        } catch (SchemaParseException | org.apache.avro.AvroTypeException e) {
            throw RegistryException.invalidSchema(e.getMessage());
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("UnresolvedSchema")) {
                throw RegistryException.invalidSchema("undefined type " + UndefinedNames.find(schemaText)
                        + ": not an Avro primitive and not defined in this schema (references are not supported)");
            }
            throw RegistryException.invalidSchema(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The identity of a schema: two texts with the same parsed form are the same schema and share an id. */
    public static String canonical(Schema schema) {
        return schema.toString();
    }

    // ---------------------------------------------------------------- reads

    /** @throws RegistryException 40403 */
    public Schema schemaById(int id) {
        synchronized (state) {
            Schema schema = schemasById.get(id);
            if (schema == null) {
                throw RegistryException.schemaNotFound("no schema with id " + id);
            }
            return schema;
        }
    }

    /** Subjects with at least one live version, sorted. */
    public List<String> subjects() {
        synchronized (state) {
            List<String> names = new ArrayList<>();
            subjects.forEach((subject, versions) -> {
                if (versions.values().stream().anyMatch(v -> !v.deleted())) {
                    names.add(subject);
                }
            });
            return names;
        }
    }

    /** @throws RegistryException 40401 */
    public List<Integer> versions(String subject) {
        synchronized (state) {
            return new ArrayList<>(live(subject).keySet());
        }
    }

    /**
     * One version by selector: "latest", "-1" or a positive number.
     *
     * @throws RegistryException 42202 bad selector, 40401 unknown subject, 40402 unknown version
     */
    public RegisteredSchema version(String subject, String selector) {
        int wanted = parseVersion(selector);
        synchronized (state) {
            TreeMap<Integer, Version> live = live(subject);
            Map.Entry<Integer, Version> hit = wanted == SchemaRegistryClient.LATEST ? live.lastEntry()
                    : live.containsKey(wanted) ? Map.entry(wanted, live.get(wanted)) : null;
            if (hit == null) {
                throw RegistryException.versionNotFound(subject, selector);
            }
            return new RegisteredSchema(subject, hit.getKey(), hit.getValue().id(), schemasById.get(hit.getValue().id()));
        }
    }

    /**
     * The live version of the subject holding this schema.
     *
     * @throws RegistryException 40401 unknown subject, 40403 schema not under this subject
     */
    public RegisteredSchema lookup(String subject, Schema schema) {
        synchronized (state) {
            TreeMap<Integer, Version> live = live(subject);
            Integer id = idsByCanonical.get(canonical(schema));
            for (Map.Entry<Integer, Version> e : live.entrySet()) {
                if (id != null && e.getValue().id() == id) {
                    return new RegisteredSchema(subject, e.getKey(), id, schemasById.get(id));
                }
            }
            throw RegistryException.schemaNotFound("the schema is not registered under subject '" + subject + "'");
        }
    }

    /**
     * Whether the schema could be registered now: against the subject's versions as its level says when the
     * selector is "latest", against that one version otherwise. An unknown subject accepts anything.
     */
    public CompatibilityResult testCompatibility(String subject, String selector, Schema schema) {
        int wanted = parseVersion(selector);
        synchronized (state) {
            Compatibility level = effectiveLevel(subject);
            if (wanted == SchemaRegistryClient.LATEST) {
                TreeMap<Integer, Version> versions = subjects.get(subject);
                return level.check(schema, labelled(versions == null ? new TreeMap<>() : liveOf(versions)));
            }
            RegisteredSchema one = version(subject, selector);
            return level.check(schema, Map.of("version " + one.version(), one.schema()));
        }
    }

    public Compatibility globalLevel() {
        synchronized (state) {
            return globalLevel == null ? Compatibility.DEFAULT : globalLevel;
        }
    }

    /** The subject's own level, if it has one. */
    public Optional<Compatibility> subjectLevel(String subject) {
        synchronized (state) {
            return Optional.ofNullable(subjectLevels.get(subject));
        }
    }

    /** The subject's own level or else the global one. */
    public Compatibility effectiveLevel(String subject) {
        return subjectLevel(subject).orElseGet(this::globalLevel);
    }

    // ---------------------------------------------------------------- writes

    /**
     * Registers a schema under a subject, or returns the id of the identical live version.
     *
     * @throws RegistryException 409 incompatible (message lists the reasons), 50001 store failure
     */
    public int register(String subject, Schema schema) {
        requireSubject(subject);
        String canonical = canonical(schema);
        writeLock.lock();
        try {
            for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
                journal.catchUp();
                RegistryEntry.SchemaVersion entry;
                synchronized (state) {
                    TreeMap<Integer, Version> versions = subjects.getOrDefault(subject, new TreeMap<>());
                    Integer knownId = idsByCanonical.get(canonical);
                    for (Version v : versions.values()) {
                        if (!v.deleted() && knownId != null && v.id() == knownId) {
                            return knownId;
                        }
                    }
                    Compatibility level = effectiveLevel(subject);
                    CompatibilityResult result = level.check(schema, labelled(liveOf(versions)));
                    if (!result.compatible()) {
                        throw new RegistryException(409, RegistryException.INCOMPATIBLE_SCHEMA,
                                "Schema being registered is incompatible with an earlier schema for subject \""
                                        + subject + "\" (compatibility " + level + "), details: " + result.messages());
                    }
                    int id = knownId != null ? knownId : maxId + 1;
                    int version = versions.isEmpty() ? 1 : versions.lastKey() + 1;
                    entry = new RegistryEntry.SchemaVersion(subject, version, id, canonical, false);
                }
                journal.append(entry);
                synchronized (state) {
                    TreeMap<Integer, Version> versions = subjects.get(subject);
                    Version stored = versions == null ? null : versions.get(entry.version());
                    if (stored != null && stored.id() == entry.id()
                            && canonical(schemasById.get(stored.id())).equals(entry.schema())) {
                        return entry.id();
                    }
                }
                LOG.info("Another registry instance wrote subject {} version {} first; deciding again", subject,
                        entry.version());
            }
            throw new RegistryException(500, RegistryException.STORE_ERROR,
                    "Error in the backend data store: could not register under subject '" + subject
                            + "' because concurrent writers kept winning");
        } finally {
            writeLock.unlock();
        }
    }

    /** Soft-deletes every live version of the subject and returns their numbers. @throws RegistryException 40401 */
    public List<Integer> deleteSubject(String subject) {
        writeLock.lock();
        try {
            journal.catchUp();
            List<RegistryEntry.SchemaVersion> entries = new ArrayList<>();
            synchronized (state) {
                live(subject).forEach((version, v) -> entries.add(new RegistryEntry.SchemaVersion(subject, version,
                        v.id(), canonical(schemasById.get(v.id())), true)));
            }
            entries.forEach(journal::append);
            return entries.stream().map(RegistryEntry.SchemaVersion::version).toList();
        } finally {
            writeLock.unlock();
        }
    }

    /** Sets the global level (subject null) or a subject's level; null level removes a subject's own level. */
    public void setLevel(String subject, Compatibility level) {
        writeLock.lock();
        try {
            journal.append(new RegistryEntry.Config(subject, level));
        } finally {
            writeLock.unlock();
        }
    }

    // ---------------------------------------------------------------- journal replay

    /**
     * Applies one journal entry. Deterministic: the same entries in the same order give the same state.
     *
     * @return false when the entry conflicts with an earlier one and was ignored
     */
    public boolean apply(RegistryEntry entry) {
        synchronized (state) {
            if (entry instanceof RegistryEntry.Config config) {
                if (config.subject() == null) {
                    globalLevel = config.level();
                } else if (config.level() == null) {
                    subjectLevels.remove(config.subject());
                } else {
                    subjectLevels.put(config.subject(), config.level());
                }
                return true;
            }
            RegistryEntry.SchemaVersion sv = (RegistryEntry.SchemaVersion) entry;
            Schema schema;
            try {
                schema = parse(sv.schema(), null);
            } catch (RegistryException e) {
                LOG.warn("Ignoring journal entry for {} version {}: {}", sv.subject(), sv.version(), e.getMessage());
                return false;
            }
            String canonical = canonical(schema);
            Schema byId = schemasById.get(sv.id());
            Integer idOfSchema = idsByCanonical.get(canonical);
            Version existing = subjects.getOrDefault(sv.subject(), new TreeMap<>()).get(sv.version());
            if ((byId != null && !canonical(byId).equals(canonical)) || (idOfSchema != null && idOfSchema != sv.id())
                    || (existing != null && existing.id() != sv.id())) {
                LOG.warn("Ignoring conflicting journal entry for {} version {} id {}", sv.subject(), sv.version(),
                        sv.id());
                return false;
            }
            schemasById.putIfAbsent(sv.id(), schema);
            idsByCanonical.putIfAbsent(canonical, sv.id());
            maxId = Math.max(maxId, sv.id());
            subjects.computeIfAbsent(sv.subject(), s -> new TreeMap<>()).put(sv.version(),
                    new Version(sv.id(), sv.deleted()));
            return true;
        }
    }

    // ---------------------------------------------------------------- helpers

    private TreeMap<Integer, Version> live(String subject) {
        TreeMap<Integer, Version> versions = subjects.get(subject);
        TreeMap<Integer, Version> live = versions == null ? new TreeMap<>() : liveOf(versions);
        if (live.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return live;
    }

    private static TreeMap<Integer, Version> liveOf(TreeMap<Integer, Version> versions) {
        TreeMap<Integer, Version> live = new TreeMap<>();
        versions.forEach((n, v) -> {
            if (!v.deleted()) {
                live.put(n, v);
            }
        });
        return live;
    }

    private Map<String, Schema> labelled(TreeMap<Integer, Version> versions) {
        Map<String, Schema> labelled = new LinkedHashMap<>();
        versions.forEach((n, v) -> labelled.put("version " + n, schemasById.get(v.id())));
        return labelled;
    }

    private static int parseVersion(String selector) {
        if (selector == null || selector.equals("latest") || selector.equals("-1")) {
            return SchemaRegistryClient.LATEST;
        }
        try {
            int version = Integer.parseInt(selector);
            if (version > 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // reported below with Confluent's wording
        }
        throw RegistryException.invalidVersion(selector);
    }

    private static void requireSubject(String subject) {
        if (subject == null || subject.isBlank()) {
            throw new RegistryException(422, RegistryException.INVALID_SUBJECT, "Invalid subject: the subject name must not be empty");
        }
    }
}
