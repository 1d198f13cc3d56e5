package io.innopoints.schemas.config;

import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A family of keys an app accepts besides its declared options, e.g. {@code kafka.<client property>} passed through
 * to the Kafka clients or {@code topic.<default-name>} renaming a topic: how a key of the family looks, how an
 * environment variable maps to one, and the README row.
 *
 * @param keyPattern  the key as the README shows it ({@code kafka.<client property>})
 * @param envPattern  the environment form as the README shows it ({@code KAFKA_<PROPERTY>})
 * @param doc         one-line meaning
 * @param keyMatcher  whether a property key belongs to the family
 * @param envToKey    the key an environment variable stands for, or {@code null} when it is not of this family
 * @param valueCheck  validates a value of the family; its exception message is the reason
 */
public record KeyFamily(String keyPattern, String envPattern, String doc, Predicate<String> keyMatcher,
                        Function<String, String> envToKey, Consumer<String> valueCheck) {

    /** {@code kafka.x.y} (env {@code KAFKA_X_Y}): a Kafka client setting passed through without the prefix. */
    public static KeyFamily kafka(String doc) {
        return prefixed("kafka.", "KAFKA_", '.', "kafka.<client property>", "KAFKA_<PROPERTY>", doc);
    }

    /**
     * {@code topic.x-y} (env {@code TOPIC_X_Y}): renames the catalog's topic {@code x-y}; a key naming no topic of
     * the catalog is unknown (a typo would otherwise leave the default name in place silently).
     */
    public static KeyFamily topics() {
        KeyFamily any = prefixed("topic.", "TOPIC_", '-', "topic.<default-name>", "TOPIC_<DEFAULT_NAME>",
                "Overrides a topic name, e.g. `topic.patent-events=pilot.patent-events`.");
        Set<String> keys = Arrays.stream(Topic.values()).map(Topic::configKey).collect(Collectors.toSet());
        return new KeyFamily(any.keyPattern(), any.envPattern(), any.doc(), keys::contains, any.envToKey(), name -> {
            if (!TopicCatalog.LEGAL_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("is not a legal topic name (1-249 of [a-zA-Z0-9._-])");
            }
        });
    }

    /**
     * Keys {@code prefix + rest}; the variable {@code envPrefix + REST} maps to {@code prefix + rest} lower-cased
     * with {@code _} turned into {@code separator}.
     */
    public static KeyFamily prefixed(String prefix, String envPrefix, char separator, String keyPattern,
                                     String envPattern, String doc) {
        return new KeyFamily(keyPattern, envPattern, doc,
                key -> key.startsWith(prefix) && key.length() > prefix.length(),
                name -> name.startsWith(envPrefix) && name.length() > envPrefix.length()
                        ? prefix + name.substring(envPrefix.length()).toLowerCase(Locale.ROOT).replace('_', separator)
                        : null, value -> { });
    }

    /**
     * {@code prefix.<id>.attribute} (env {@code ENVPREFIX_<ID>_ATTRIBUTE}): one attribute of a named entry such as a
     * provider or a principal; the id is lower-case {@code [a-z0-9][a-z0-9._-]{0,63}}, from the environment with
     * {@code _} turned into {@code -}.
     */
    public static KeyFamily perId(String prefix, String envPrefix, String attribute, String doc) {
        Pattern key = idKey(prefix, attribute);
        String envAttribute = attribute.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
        Pattern env = Pattern.compile(Pattern.quote(envPrefix) + "_([A-Z0-9_]+)_" + Pattern.quote(envAttribute));
        return new KeyFamily(prefix + ".<id>." + attribute, envPrefix + "_<ID>_" + envAttribute, doc,
                k -> key.matcher(k).matches(),
                name -> {
                    Matcher m = env.matcher(name);
                    return m.matches() ? prefix + "." + m.group(1).toLowerCase(Locale.ROOT).replace('_', '-') + "."
                            + attribute : null;
                }, value -> { });
    }

    /** The keys {@code prefix.<id>.attribute} of {@link #perId}, group 1 = the id. */
    public static Pattern idKey(String prefix, String attribute) {
        return Pattern.compile(Pattern.quote(prefix) + "\\.([a-z0-9][a-z0-9._-]{0,63})\\." + Pattern.quote(attribute));
    }

    public boolean matches(String key) {
        return keyMatcher.test(key);
    }
}
