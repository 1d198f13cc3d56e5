package io.innopoints.ingest.config;

import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.TopicCatalog;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ingest service's whole configuration, parsed once at start-up from a properties file and the environment
 * (environment wins): the options of {@link IngestOptions}, Kafka producer pass-through ({@code kafka.*}), topic
 * names ({@code topic.*}) and provider grants ({@code provider.<id>.*}). Any missing or bad value — including an
 * unknown key, usually a typo — fails with a {@link ConfigException} naming the key.
 */
public record IngestConfig(
        String bootstrapServers,
        URI schemaRegistryUrl,
        String httpHost,
        int httpPort,
        long maxBodyBytes,
        int batchMaxRecords,
        double rateRequestsPerSecond,
        int rateBurst,
        int maxInFlightRecords,
        Duration futureTolerance,
        int idempotencyCacheSize,
        Duration publishTimeout,
        int loadBatchSize,
        Map<String, String> kafka,
        TopicCatalog topics,
        Map<String, ProviderGrant> providers) {

    private static final Pattern PROVIDER_KEY = Pattern.compile("provider\\.([a-z0-9][a-z0-9._-]{0,63})\\.(token-sha256|event-types)");
    private static final Pattern PROVIDER_ENV = Pattern.compile("PROVIDER_([A-Z0-9_]+)_(TOKEN_SHA256|EVENT_TYPES)");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public IngestConfig {
        kafka = Map.copyOf(kafka);
        providers = Map.copyOf(providers);
    }

    /** Reads the properties file (when given) and overlays the environment. */
    public static IngestConfig load(Path propertiesFile, Map<String, String> env) {
        Map<String, String> props = new HashMap<>();
        if (propertiesFile != null) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException e) {
                throw new ConfigException("--config", "cannot read " + propertiesFile + ": " + e.getMessage());
            }
            p.stringPropertyNames().forEach(k -> props.put(k, p.getProperty(k)));
        }
        return from(props, env);
    }

    /** Builds the configuration from properties, overlaid by the environment's variables. */
    public static IngestConfig from(Map<String, String> properties, Map<String, String> env) {
        Map<String, String> all = new TreeMap<>(properties);
        all.putAll(fromEnvironment(env));
        checkKeys(all);
        Map<String, String> kafka = new TreeMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith("kafka.")) {
                kafka.put(k.substring("kafka.".length()), v);
            }
        });
        TopicCatalog topics;
        try {
            topics = TopicCatalog.from(all);
        } catch (IllegalArgumentException e) {
            String key = e.getMessage().split(":", 2)[0];
            throw new ConfigException(key, e.getMessage().substring(key.length() + 1).trim());
        }
        IngestConfig config = new IngestConfig(
                get(all, IngestOptions.BOOTSTRAP_SERVERS),
                get(all, IngestOptions.SCHEMA_REGISTRY_URL),
                get(all, IngestOptions.HTTP_HOST),
                get(all, IngestOptions.HTTP_PORT),
                get(all, IngestOptions.HTTP_MAX_BODY_BYTES),
                get(all, IngestOptions.BATCH_MAX_RECORDS),
                get(all, IngestOptions.RATE_REQUESTS_PER_SECOND),
                get(all, IngestOptions.RATE_BURST),
                get(all, IngestOptions.MAX_IN_FLIGHT_RECORDS),
                get(all, IngestOptions.FUTURE_TOLERANCE),
                get(all, IngestOptions.IDEMPOTENCY_CACHE_SIZE),
                get(all, IngestOptions.PUBLISH_TIMEOUT),
                get(all, IngestOptions.LOAD_BATCH_SIZE),
                kafka, topics, providers(all));
        if (config.maxInFlightRecords() < config.batchMaxRecords()) {
            throw new ConfigException(IngestOptions.MAX_IN_FLIGHT_RECORDS.key(), "must be at least "
                    + IngestOptions.BATCH_MAX_RECORDS.key() + " (" + config.batchMaxRecords() + ") or no full batch could ever pass");
        }
        return config;
    }

    /** Configuration with every default and the given providers, for tests and the loopback benchmark. */
    public static IngestConfig defaults(Map<String, String> overrides) {
        return from(overrides, Map.of());
    }

    private static <T> T get(Map<String, String> all, ConfigOption<T> option) {
        String raw = all.getOrDefault(option.key(), option.defaultValue());
        return option.parse(raw);
    }

    /** Maps environment variables to property keys; unrelated variables are ignored. */
    static Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> out = new HashMap<>();
        Map<String, ConfigOption<?>> byEnv = new HashMap<>();
        IngestOptions.ALL.forEach(o -> byEnv.put(o.env(), o));
        env.forEach((name, value) -> {
            ConfigOption<?> option = byEnv.get(name);
            if (option != null) {
                out.put(option.key(), value);
            } else if (name.startsWith("KAFKA_") && name.length() > "KAFKA_".length()) {
                out.put("kafka." + name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            } else if (name.startsWith("TOPIC_") && name.length() > "TOPIC_".length()) {
                out.put("topic." + name.substring("TOPIC_".length()).toLowerCase(Locale.ROOT).replace('_', '-'), value);
            } else {
                Matcher m = PROVIDER_ENV.matcher(name);
                if (m.matches()) {
                    out.put("provider." + m.group(1).toLowerCase(Locale.ROOT).replace('_', '-') + "."
                            + m.group(2).toLowerCase(Locale.ROOT).replace('_', '-'), value);
                }
            }
        });
        return out;
    }

    private static void checkKeys(Map<String, String> all) {
        Set<String> declared = new java.util.HashSet<>();
        IngestOptions.ALL.forEach(o -> declared.add(o.key()));
        for (String key : all.keySet()) {
            boolean known = declared.contains(key)
                    || key.startsWith("kafka.") && key.length() > "kafka.".length()
                    || key.startsWith("topic.")
                    || PROVIDER_KEY.matcher(key).matches();
            if (!known) {
                throw new ConfigException(key, "unknown configuration key (see the table in ingest/README.md)");
            }
        }
        for (String fixed : List.of("key.serializer", "value.serializer", "acks", "enable.idempotence")) {
            if (all.containsKey("kafka." + fixed)) {
                throw new ConfigException("kafka." + fixed, "is fixed by the ingest service (acks=all, idempotent, Avro serde)");
            }
        }
    }

    private static Map<String, ProviderGrant> providers(Map<String, String> all) {
        Map<String, List<String>> hashes = new TreeMap<>();
        Map<String, Set<EventType>> types = new TreeMap<>();
        all.forEach((key, value) -> {
            Matcher m = PROVIDER_KEY.matcher(key);
            if (!m.matches()) {
                return;
            }
            String id = m.group(1);
            if (m.group(2).equals("token-sha256")) {
                List<String> list = new ArrayList<>();
                for (String h : value.split(",")) {
                    String hash = h.trim().toLowerCase(Locale.ROOT);
                    if (!SHA256_HEX.matcher(hash).matches()) {
                        throw new ConfigException(key, "expected SHA-256 hashes as 64 hex digits, got '" + h.trim() + "'");
                    }
                    list.add(hash);
                }
                hashes.put(id, list);
            } else {
                Set<EventType> set = EnumSet.noneOf(EventType.class);
                for (String t : value.split(",")) {
                    String name = t.trim();
                    set.add(EventType.byId(name).orElseThrow(() -> new ConfigException(key, "unknown event type '"
                            + name + "'; expected one of " + Arrays.stream(EventType.values()).map(EventType::id).toList())));
                }
                types.put(id, set);
            }
        });
        Map<String, ProviderGrant> grants = new TreeMap<>();
        for (String id : hashes.keySet()) {
            if (!types.containsKey(id)) {
                throw new ConfigException("provider." + id + ".event-types", "is required when provider." + id + ".token-sha256 is set");
            }
            grants.put(id, new ProviderGrant(id, hashes.get(id), types.get(id)));
        }
        for (String id : types.keySet()) {
            if (!hashes.containsKey(id)) {
                throw new ConfigException("provider." + id + ".token-sha256", "is required when provider." + id + ".event-types is set");
            }
        }
        Map<String, String> owner = new HashMap<>();
        grants.values().forEach(g -> g.tokenSha256().forEach(h -> {
            String previous = owner.put(h, g.provider());
            if (previous != null && !previous.equals(g.provider())) {
                throw new ConfigException("provider." + g.provider() + ".token-sha256",
                        "the same token hash is also configured for provider " + previous);
            }
        }));
        return grants;
    }
}
