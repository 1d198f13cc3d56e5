package io.innopoints.schemas.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

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

    /** What creating every topic of the catalog takes ({@link #newTopics(Collection, int, Optional)}). */
    public List<NewTopic> newTopics(int partitions, Optional<Short> replication) {
        return newTopics(List.of(Topic.values()), partitions, replication);
    }

    /**
     * The one definition of how InnoPoints topics are created: compacted ones with {@code cleanup.policy=compact},
     * the others with {@code delete}, and none with time-based retention ({@code retention.ms=-1}) — record
     * timestamps are event times, possibly years old, which a retention time would delete at once, and the inputs
     * are the history the stream rebuilds from.
     *
     * @param replication empty for the broker default
     */
    public List<NewTopic> newTopics(Collection<Topic> topics, int partitions, Optional<Short> replication) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions: must be at least 1, was " + partitions);
        }
        List<NewTopic> out = new ArrayList<>();
        for (Topic topic : topics) {
            out.add(new NewTopic(name(topic), Optional.of(partitions), replication).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, topic.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT
                            : TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG, "-1")));
        }
        return out;
    }

    /**
     * Creates those of {@code topics} that do not exist yet (an existing topic is left as it is: restarts and
     * concurrent instances must not fail).
     *
     * @return the names created
     * @throws IllegalStateException naming the topic that could not be created
     */
    public static Set<String> createMissing(Admin admin, Collection<NewTopic> topics, Duration timeout) {
        Set<String> created = new TreeSet<>();
        for (var entry : admin.createTopics(topics).values().entrySet()) {
            try {
                entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                created.add(entry.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + entry.getKey() + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("topic " + entry.getKey() + " not created within " + timeout, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating " + entry.getKey(), e);
            }
        }
        return created;
    }
}
