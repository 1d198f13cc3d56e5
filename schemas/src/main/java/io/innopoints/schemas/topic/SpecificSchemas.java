package io.innopoints.schemas.topic;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** Looks up the schema of a generated record class without reflection tricks at every call site. */
public final class SpecificSchemas {
    private SpecificSchemas() {
    }

    public static Schema of(Class<? extends SpecificRecord> type) {
        return SpecificData.get().getSchema(type);
    }
}
