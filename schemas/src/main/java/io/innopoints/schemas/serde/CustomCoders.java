package io.innopoints.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Avro's generated <em>custom coders</em> for writing specific records: a generated class whose schema has no logical
 * type encodes itself field by field, without the generic writer's per-field lookups and union resolution — the
 * same bytes. Avro 1.12 leaves them off unless the JVM-wide system property
 * {@code org.apache.avro.specific.use_custom_coders} is set; this turns them on for the writers built here only, so
 * nothing else in the JVM changes. A record with a logical type (an {@code EnterpriseScore}'s {@code asOf}) is still
 * written the generic way, its nested records (indicators, dimensions, ranks, the explanation) the custom one.
 * Writing only: reading stays Avro's default (its fast reader was as fast as the custom decoders).
 */
public final class CustomCoders {
    private CustomCoders() {
    }

    /** A writer of {@code schema}'s generated class (or of generic data) that uses the custom coders. */
    public static <T> SpecificDatumWriter<T> writer(Schema schema) {
        return new SpecificDatumWriter<>(schema, model(schema));
    }

    /**
     * The model of {@code schema}'s generated class (its class loader and logical-type conversions) with custom
     * coders on: a copy, never the class's shared model, which its readers use too.
     */
    public static SpecificData model(Schema schema) {
        SpecificData shared = SpecificData.getForSchema(schema);
        SpecificData model = new SpecificData(shared.getClassLoader());
        shared.getConversions().forEach(model::addLogicalTypeConversion);
        model.setCustomCoders(true);
        return model;
    }
}
