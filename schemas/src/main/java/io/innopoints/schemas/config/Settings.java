package io.innopoints.schemas.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * A resolved, validated configuration: the parsed value of every declared option and the raw value of every key
 * (options and family keys alike). Apps turn it into their immutable {@code XxxConfig} record.
 */
public final class Settings {
    private final Map<String, Object> values;
    private final Map<String, String> raw;

    Settings(Map<String, Object> values, Map<String, String> raw) {
        this.values = Map.copyOf(values);
        this.raw = Map.copyOf(raw);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(ConfigOption<T> option) {
        if (!values.containsKey(option.key())) {
            throw new IllegalArgumentException(option.key() + " is not an option of this configuration");
        }
        return (T) values.get(option.key());
    }

    /** The keys starting with {@code prefix}, without it ({@code kafka.security.protocol} → {@code security.protocol}). */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        raw.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** Every key as given (after the sources were merged), e.g. for {@code TopicCatalog.from}. */
    public Map<String, String> raw() {
        return raw;
    }
}
