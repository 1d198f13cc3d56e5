package io.innopoints.ingest.config;

import io.innopoints.schemas.config.ConfigException;
import io.innopoints.schemas.http.BearerTokens;
import io.innopoints.schemas.config.Settings;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * The ingest service's whole configuration, resolved once at start-up (defaults &lt; properties file &lt; environment
 * &lt; flags, see {@link io.innopoints.schemas.config.ConfigSpec}): the options of {@link IngestOptions}, Kafka
 * producer pass-through ({@code kafka.*}), topic names ({@code topic.*}) and provider grants
 * ({@code provider.<id>.*}). Any missing or bad value — including an unknown key, usually a typo — fails with a
 * {@link ConfigException} naming the key.
 */
public record IngestConfig(
        String bootstrapServers,
        String schemaRegistryUrl,
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


    public IngestConfig {
        kafka = Map.copyOf(kafka);
        providers = Map.copyOf(providers);
    }

    /** Builds the configuration from properties, overlaid by the environment's variables. */
    public static IngestConfig from(Map<String, String> properties, Map<String, String> env) {
        return from(IngestOptions.SPEC.resolve(properties, env, Map.of()));
    }

    /** Builds the configuration from resolved settings, checking what spans several keys. */
    public static IngestConfig from(Settings s) {
        Map<String, String> kafka = s.withPrefix("kafka.");
        for (String fixed : List.of("key.serializer", "value.serializer", "acks", "enable.idempotence")) {
            if (kafka.containsKey(fixed)) {
                throw new ConfigException("kafka." + fixed, "is fixed by the ingest service (acks=all, idempotent, Avro serde)");
            }
        }
        IngestConfig config = new IngestConfig(
                s.get(IngestOptions.BOOTSTRAP_SERVERS),
                s.get(IngestOptions.SCHEMA_REGISTRY_URL),
                s.get(IngestOptions.HTTP_HOST),
                s.get(IngestOptions.HTTP_PORT),
                s.get(IngestOptions.HTTP_MAX_BODY_BYTES),
                s.get(IngestOptions.BATCH_MAX_RECORDS),
                s.get(IngestOptions.RATE_REQUESTS_PER_SECOND),
                s.get(IngestOptions.RATE_BURST),
                s.get(IngestOptions.MAX_IN_FLIGHT_RECORDS),
                s.get(IngestOptions.FUTURE_TOLERANCE),
                s.get(IngestOptions.IDEMPOTENCY_CACHE_SIZE),
                s.get(IngestOptions.PUBLISH_TIMEOUT),
                s.get(IngestOptions.LOAD_BATCH_SIZE),
                kafka, TopicCatalog.from(s.raw()), providers(s.raw()));
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

    private static Map<String, ProviderGrant> providers(Map<String, String> all) {
        Map<String, List<String>> hashes = new TreeMap<>();
        Map<String, Set<EventType>> types = new TreeMap<>();
        all.forEach((key, value) -> {
            Matcher m = IngestOptions.PROVIDER_KEY.matcher(key);
            if (!m.matches()) {
                return;
            }
            String id = m.group(1);
            if (m.group(2).equals("token-sha256")) {
                List<String> list;
                try {
                    list = BearerTokens.parseHashes(value);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(key, e.getMessage());
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
