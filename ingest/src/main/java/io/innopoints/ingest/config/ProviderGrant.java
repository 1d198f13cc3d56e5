package io.innopoints.ingest.config;

import io.innopoints.schemas.topic.EventType;
import java.util.List;
import java.util.Set;

/**
 * What one data provider may do: the SHA-256 hashes (lower-case hex) of its API tokens — several allow rotation —
 * and the event types it may publish.
 */
public record ProviderGrant(String provider, List<String> tokenSha256, Set<EventType> eventTypes) {
    public ProviderGrant {
        tokenSha256 = List.copyOf(tokenSha256);
        eventTypes = Set.copyOf(eventTypes);
    }

    public boolean mayPublish(EventType type) {
        return eventTypes.contains(type);
    }
}
