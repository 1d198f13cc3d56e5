package io.innopoints.ingest.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import io.innopoints.schemas.validation.Validated;
import org.apache.avro.specific.SpecificRecord;

/**
 * One record of a bulk file: the line it starts on, the structurally read record or its problems, the JSON it was
 * (JSONL; null for CSV) and its original bytes when known.
 */
record SourceRecord(long line, Validated<? extends SpecificRecord> structural, JsonNode raw, byte[] original) {
}
