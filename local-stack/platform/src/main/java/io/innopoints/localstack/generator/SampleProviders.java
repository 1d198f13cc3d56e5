package io.innopoints.localstack.generator;

import io.innopoints.schemas.topic.EventType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data providers the generator attributes its events to, and the one event type each publishes: the simulator
 * stamps them on the events, and the local run gives each its own ingest token scoped to that type.
 */
public final class SampleProviders {
    public static final String ENTERPRISE_REGISTRY = "enterprise-registry";
    public static final String PATENT_OFFICE = "patent-office";
    public static final String TECH_CONTRACT_REGISTRY = "tech-contract-registry";
    public static final String TAX_BUREAU = "tax-bureau";
    /** Qualifications, platforms and awards. */
    public static final String QUALIFICATION_REGISTRY = "qualification-registry";
    /** Penalties. */
    public static final String CREDIT_REGISTRY = "credit-registry";

    /** Each provider and the event type it publishes, in a stable order. */
    public static final Map<String, EventType> TYPES = types();

    private SampleProviders() {
    }

    private static Map<String, EventType> types() {
        Map<String, EventType> types = new LinkedHashMap<>();
        types.put(ENTERPRISE_REGISTRY, EventType.REGISTRATIONS);
        types.put(PATENT_OFFICE, EventType.PATENTS);
        types.put(TECH_CONTRACT_REGISTRY, EventType.TECH_CONTRACTS);
        types.put(TAX_BUREAU, EventType.TAX_FILINGS);
        types.put(QUALIFICATION_REGISTRY, EventType.CREDENTIALS);
        types.put(CREDIT_REGISTRY, EventType.CREDENTIALS);
        return Collections.unmodifiableMap(types);
    }
}
