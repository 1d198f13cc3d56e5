package io.innopoints.ingest.config;

/** A configuration value that is missing or wrong; the message starts with the offending key. */
public final class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String reason) {
        super(key + ": " + reason);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
