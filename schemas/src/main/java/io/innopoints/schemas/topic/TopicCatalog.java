package io.innopoints.schemas.topic;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one place that names topics. Each {@link Topic} has a default name that configuration can override with
 * {@code topic.<default-name>=<name>} (environment: {@code TOPIC_<DEFAULT_NAME>}, e.g. {@code TOPIC_PATENT_EVENTS}).
 * Immutable; build it once at start-up.
 */
public final class TopicCatalog {
    /** What Kafka accepts as a topic name. */
    public static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private final Map<Topic, String> names;

    private TopicCatalog(Map<Topic, String> names) {
        this.names = Collections.unmodifiableMap(names);
    }

    /** The default names. */
    public static TopicCatalog defaults() {
        return from(Map.of());
    }

    /**
     * Names from properties: any {@code topic.<default-name>} key overrides that topic; other keys are ignored.
     *
     * @throws IllegalArgumentException naming the key when an override is blank or not a legal Kafka topic name
     */
    public static TopicCatalog from(Map<String, String> properties) {
        Map<Topic, String> names = new EnumMap<>(Topic.class);
        for (Topic topic : Topic.values()) {
            String name = properties.getOrDefault(topic.configKey(), topic.defaultName());
            if (name == null || !LEGAL_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(topic.configKey() + ": '" + name
                        + "' is not a legal topic name (1-249 of [a-zA-Z0-9._-])");
            }
            names.put(topic, name);
        }
        return new TopicCatalog(names);
    }

    /** A catalog whose every name carries a prefix, e.g. for an isolated integration test. */
    public static TopicCatalog prefixed(String prefix) {
        Map<Topic, String> names = new EnumMap<>(Topic.class);
        for (Topic topic : Topic.values()) {
            names.put(topic, prefix + topic.defaultName());
        }
        return new TopicCatalog(names);
    }

    public String name(Topic topic) {
        return names.get(Objects.requireNonNull(topic));
    }

    public String name(EventType type) {
        return name(type.topic());
    }

    /** Subject of a topic's key schema under Confluent's TopicNameStrategy. */
    public String keySubject(Topic topic) {
        return name(topic) + "-key";
    }

    /** Subject of a topic's value schema under Confluent's TopicNameStrategy. */
    public String valueSubject(Topic topic) {
        return name(topic) + "-value";
    }

    public Map<Topic, String> all() {
        return names;
    }
}
