package io.innopoints.schemas.topic;

import io.innopoints.schemas.event.CredentialEvent;
import io.innopoints.schemas.event.EnterpriseRegistration;
import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.event.TaxFilingEvent;
import io.innopoints.schemas.event.TechContractEvent;
import java.util.Arrays;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The five kinds of input event, by the short name providers use in URLs and files
 * ({@code POST /v1/events/patents}, {@code ingest load --type patents}), with their topic and Avro class.
 */
public enum EventType {
    REGISTRATIONS("registrations", Topic.ENTERPRISE_REGISTRATIONS, EnterpriseRegistration.class),
    PATENTS("patents", Topic.PATENT_EVENTS, PatentEvent.class),
    TECH_CONTRACTS("tech-contracts", Topic.TECH_CONTRACT_EVENTS, TechContractEvent.class),
    TAX_FILINGS("tax-filings", Topic.TAX_FILING_EVENTS, TaxFilingEvent.class),
    CREDENTIALS("credentials", Topic.CREDENTIAL_EVENTS, CredentialEvent.class);

    private final String id;
    private final Topic topic;
    private final Class<? extends SpecificRecord> recordClass;

    EventType(String id, Topic topic, Class<? extends SpecificRecord> recordClass) {
        this.id = id;
        this.topic = topic;
        this.recordClass = recordClass;
    }

    /** Short name used in URLs, CLI options and file names. */
    public String id() {
        return id;
    }

    public Topic topic() {
        return topic;
    }

    public Class<? extends SpecificRecord> recordClass() {
        return recordClass;
    }

    public Schema schema() {
        return SpecificSchemas.of(recordClass);
    }

    public static Optional<EventType> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }

    public static Optional<EventType> byRecordClass(Class<?> type) {
        return Arrays.stream(values()).filter(t -> t.recordClass.equals(type)).findFirst();
    }
}
