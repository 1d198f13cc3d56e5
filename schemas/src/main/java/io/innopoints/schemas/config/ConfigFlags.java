package io.innopoints.schemas.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * The configuration flags every app's command line has (a picocli mixin): {@code -c/--config <file>},
 * {@code -s/--set key=value}, {@code --bootstrap-servers}, {@code --schema-registry-url}. Flags win over the
 * environment, which wins over the file (see {@link ConfigSpec}).
 */
public final class ConfigFlags {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Properties file with options of the configuration table.")
    Path file;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "An option of the configuration table (repeatable); wins over the environment and the file.")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,…]",
            description = "Kafka bootstrap servers (same as --set bootstrap.servers=… or KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Schema registry URL (same as --set schema.registry.url=… or SCHEMA_REGISTRY_URL).")
    String schemaRegistryUrl;

    /** Resolves {@code spec} from these flags, the file they name, and {@code environment}. */
    public Settings resolve(ConfigSpec spec, Map<String, String> environment) {
        return spec.resolve(fileProperties(), environment, flagProperties());
    }

    /** The properties file's entries (empty without {@code --config}). */
    public Map<String, String> fileProperties() {
        Map<String, String> out = new LinkedHashMap<>();
        if (file != null) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException e) {
                throw new ConfigException("--config", "cannot read " + file + ": " + e.getMessage());
            }
            p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        }
        return out;
    }

    /** {@code --set} entries plus the connection flags. */
    public Map<String, String> flagProperties() {
        Map<String, String> out = new LinkedHashMap<>(set);
        if (bootstrapServers != null) {
            out.put(CommonOptions.BOOTSTRAP_SERVERS.key(), bootstrapServers);
        }
        if (schemaRegistryUrl != null) {
            out.put(CommonOptions.SCHEMA_REGISTRY_URL.key(), schemaRegistryUrl);
        }
        return out;
    }
}
