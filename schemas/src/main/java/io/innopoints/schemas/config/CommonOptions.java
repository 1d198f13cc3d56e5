package io.innopoints.schemas.config;

/**
 * The options every app shares, with the same key, environment variable and flag everywhere: where Kafka and the
 * schema registry are. Each app picks its own default (or none).
 */
public final class CommonOptions {
    public static final ConfigOption<String> BOOTSTRAP_SERVERS = ConfigOption.required("bootstrap.servers",
                    "host:port list", "Kafka bootstrap servers, host:port[,host:port] (flag `--bootstrap-servers`).",
                    Parsers::nonBlank)
            .withEnv("KAFKA_BOOTSTRAP_SERVERS");
    public static final ConfigOption<String> SCHEMA_REGISTRY_URL = ConfigOption.required("schema.registry.url",
                    "URL list", "Confluent-compatible schema registry URL(s), comma-separated (flag `--schema-registry-url`).",
                    Parsers::httpUrls)
            .withEnv("SCHEMA_REGISTRY_URL");

    private CommonOptions() {
    }
}
