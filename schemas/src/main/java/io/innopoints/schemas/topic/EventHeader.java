package io.innopoints.schemas.topic;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The header fields every input event carries ({@link EventType}'s records all declare them), read by name from
 * any of them: the one place that knows how, instead of a field lookup in every consumer.
 *
 * @param eventId         the provider-assigned deduplication key
 * @param provider        the publishing data provider
 * @param creditCode      the enterprise (the record key)
 * @param retractsEventId the eventId this event retracts, or null
 */
public record EventHeader(String eventId, String provider, String creditCode, String retractsEventId) {

    /** The header of an input event. */
    public static EventHeader of(SpecificRecord event) {
        Schema schema = event.getSchema();
        return new EventHeader(field(event, schema, "eventId"), field(event, schema, "provider"),
                field(event, schema, "creditCode"), field(event, schema, "retractsEventId"));
    }

    /** The eventId of an input event (without reading the rest of the header). */
    public static String eventId(SpecificRecord event) {
        return field(event, event.getSchema(), "eventId");
    }

    private static String field(SpecificRecord event, Schema schema, String name) {
        Schema.Field f = schema.getField(name);
        if (f == null) {
            throw new IllegalArgumentException(schema.getFullName() + " is not an input event: it has no " + name);
        }
        return (String) event.get(f.pos());
    }
}
