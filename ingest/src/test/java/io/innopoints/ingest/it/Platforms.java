package io.innopoints.ingest.it;

import io.innopoints.ingest.config.IngestConfig;
import io.innopoints.localstack.junit.LocalStackExtension;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import java.util.HashMap;
import java.util.Map;

/** Ingest configuration pointing at the embedded platform and a test's own topics. */
final class Platforms {
    private Platforms() {
    }

    static Map<String, String> properties(LocalStackExtension platform, TopicCatalog topics) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", platform.bootstrapServers());
        props.put("schema.registry.url", platform.schemaRegistryUrl());
        props.put("http.port", "0");
        props.put("http.host", "127.0.0.1");
        for (Topic topic : Topic.values()) {
            props.put(topic.configKey(), topics.name(topic));
        }
        return props;
    }

    static IngestConfig config(LocalStackExtension platform, TopicCatalog topics, Map<String, String> extra) {
        Map<String, String> props = properties(platform, topics);
        props.putAll(extra);
        return IngestConfig.defaults(props);
    }
}
