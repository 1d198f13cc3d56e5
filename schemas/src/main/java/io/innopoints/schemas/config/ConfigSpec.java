package io.innopoints.schemas.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How one app is configured, the same way for every app: its declared {@link ConfigOption}s, the key families it
 * accepts besides them ({@code kafka.*}, {@code topic.*}, …), and the environment variables they map from.
 *
 * <p>Sources, later ones winning: the defaults, a properties file, the environment, and command-line flags
 * ({@code --set key=value}, {@code --bootstrap-servers}, …). An option's environment variable is its own when declared
 * ({@code KAFKA_BOOTSTRAP_SERVERS}), otherwise {@code envPrefix} + the key upper-cased with {@code .} and {@code -}
 * turned into {@code _} ({@code commit.interval.ms} → {@code COMMIT_INTERVAL_MS}); variables that map to nothing are
 * ignored. A key that is neither an option nor of a family is an error (usually a typo), as is a missing required
 * option or a bad value: {@link #resolve} reports them all at once, each with its key.
 *
 * @param app        the app's name, for messages
 * @param envPrefix  prefix of the derived environment variables ({@code ""} or e.g. {@code SINK_})
 * @param options    the declared options, in README order
 * @param families   the accepted key families, in README order
 */
public record ConfigSpec(String app, String envPrefix, List<ConfigOption<?>> options, List<KeyFamily> families) {

    public ConfigSpec {
        options = List.copyOf(options);
        families = List.copyOf(families);
        Set<String> keys = new HashSet<>();
        Set<String> variables = new HashSet<>();
        for (ConfigOption<?> o : options) {
            if (!keys.add(o.key())) {
                throw new IllegalArgumentException("option " + o.key() + " is declared twice");
            }
            if (!variables.add(envName(o, envPrefix))) {
                throw new IllegalArgumentException("environment variable " + envName(o, envPrefix) + " is used twice");
            }
        }
    }

    /** The environment variable that sets {@code option}. */
    public String envName(ConfigOption<?> option) {
        return envName(option, envPrefix);
    }

    private static String envName(ConfigOption<?> option, String prefix) {
        return option.env() != null ? option.env()
                : prefix + option.key().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Merges the sources (defaults &lt; properties &lt; environment &lt; flags), validates, and parses. */
    public Settings resolve(Map<String, String> properties, Map<String, String> environment,
                            Map<String, String> flags) {
        Map<String, String> merged = new LinkedHashMap<>(properties);
        merged.putAll(fromEnvironment(environment));
        merged.putAll(flags);
        List<String> problems = new ArrayList<>();
        Set<String> declared = new HashSet<>();
        options.forEach(o -> declared.add(o.key()));
        merged.forEach((key, value) -> {
            if (declared.contains(key)) {
                return;
            }
            KeyFamily family = families.stream().filter(f -> f.matches(key)).findFirst().orElse(null);
            if (family == null) {
                problems.add(key + ": unknown option (see the configuration table of " + app + ")");
                return;
            }
            try {
                family.valueCheck().accept(value);
            } catch (IllegalArgumentException e) {
                problems.add(key + ": '" + value + "': " + e.getMessage());
            }
        });
        Map<String, Object> values = new HashMap<>();
        for (ConfigOption<?> option : options) {
            String raw = merged.get(option.key());
            if (raw == null && option.isRequired()) {
                problems.add(option.key() + ": required (environment " + envName(option) + ")");
                continue;
            }
            try {
                values.put(option.key(), option.parse(raw != null ? raw : option.defaultValue()));
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(null);
            throw new ConfigException(problems);
        }
        return new Settings(values, merged);
    }

    /** Environment variables turned into keys: options' own variables first, then the families'. */
    public Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, ConfigOption<?>> byVariable = new HashMap<>();
        options.forEach(o -> byVariable.put(envName(o), o));
        Map<String, String> out = new HashMap<>();
        environment.forEach((name, value) -> {
            ConfigOption<?> option = byVariable.get(name);
            if (option != null) {
                out.put(option.key(), value);
                return;
            }
            for (KeyFamily family : families) {
                String key = family.envToKey().apply(name);
                if (key != null) {
                    out.put(key, value);
                    return;
                }
            }
        });
        return out;
    }

    /** The README configuration table, generated from the declarations (a test keeps each README equal to it). */
    public String markdownTable() {
        StringBuilder out = new StringBuilder("| key | environment | type | default | meaning |\n|---|---|---|---|---|\n");
        for (ConfigOption<?> o : options) {
            String def = o.isRequired() ? "(required)" : o.defaultValue().isEmpty() ? "(empty)" : "`" + o.defaultValue() + "`";
            out.append("| `").append(o.key()).append("` | `").append(envName(o)).append("` | ").append(o.type())
                    .append(" | ").append(def).append(" | ").append(o.doc()).append(" |\n");
        }
        for (KeyFamily f : families) {
            out.append("| `").append(f.keyPattern()).append("` | `").append(f.envPattern()).append("` | string | — | ")
                    .append(f.doc()).append(" |\n");
        }
        return out.toString();
    }
}
