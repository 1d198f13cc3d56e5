package io.innopoints.ingest.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.ingest.config.IngestConfig;
import io.innopoints.schemas.http.ErrorBody;
import io.innopoints.schemas.http.ProblemType;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.validation.Problem;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The OpenAPI 3.0 document of the API, generated from the Avro schemas of the event types (so field types, enums,
 * required fields and descriptions follow the contract) plus the hand-written paths, responses and examples.
 */
public final class OpenApiDocument {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private OpenApiDocument() {
    }

    public static String render(IngestConfig config) {
        try {
            return AvroJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(build(config));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode build(IngestConfig config) {
        ObjectNode doc = F.objectNode();
        doc.put("openapi", "3.0.3");
        ObjectNode info = doc.putObject("info");
        info.put("title", "InnoPoints ingest API");
        info.put("version", "1");
        info.put("description", "Data providers publish enterprise events. Every response to a write is sent only after "
                + "Kafka acknowledged it (acks=all). eventId is the deduplication key: resending an event is safe. "
                + "Bodies are plain JSON: optional fields value-or-null, dates YYYY-MM-DD, timestamps ISO-8601 with offset "
                + "or epoch millis, enums their symbol, money in fen (long). Body limit " + config.maxBodyBytes()
                + " bytes, batch limit " + config.batchMaxRecords() + " events.");
        doc.putArray("servers").addObject().put("url", "/");
        ObjectNode components = doc.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        components.putObject("securitySchemes").putObject("bearer").put("type", "http").put("scheme", "bearer")
                .put("description", "Per-provider API token; the service stores only its SHA-256 hash.");
        doc.putArray("security").addObject().putArray("bearer");
        commonSchemas(schemas);
        ObjectNode paths = doc.putObject("paths");
        for (EventType type : EventType.values()) {
            String name = type.schema().getName();
            schemas.set(name, recordSchema(type.schema()));
            paths.set("/v1/events/" + type.id(), single(type, name));
            paths.set("/v1/events/" + type.id() + ":batch", batch(type, name, config));
        }
        paths.set("/health/live", simpleGet("Liveness: the process serves HTTP.", "HealthStatus"));
        paths.set("/health/ready", simpleGet("Readiness: Kafka and the schema registry answer (503 otherwise).", "HealthStatus"));
        ObjectNode metrics = paths.putObject("/metrics").putObject("get");
        metrics.put("summary", "Prometheus metrics (ingest_events_accepted_total, ingest_events_rejected_total, "
                + "ingest_produce_latency_seconds, …)");
        metrics.putArray("security");
        metrics.putObject("responses").putObject("200").put("description", "Prometheus text format")
                .putObject("content").putObject("text/plain").putObject("schema").put("type", "string");
        ObjectNode openapi = paths.putObject("/openapi.json").putObject("get");
        openapi.put("summary", "This document");
        openapi.putArray("security");
        openapi.putObject("responses").putObject("200").put("description", "OpenAPI 3.0 document");
        return doc;
    }

    private static ObjectNode single(EventType type, String schemaName) {
        ObjectNode post = F.objectNode().putObject("post");
        post.put("summary", "Publish one " + type.id() + " event");
        post.put("operationId", "publish-" + type.id());
        post.put("description", type.schema().getDoc());
        ObjectNode body = post.putObject("requestBody");
        body.put("required", true);
        ObjectNode media = body.putObject("content").putObject("application/json");
        media.putObject("schema").put("$ref", "#/components/schemas/" + schemaName);
        media.set("example", Examples.node(type));
        ObjectNode responses = post.putObject("responses");
        response(responses, "202", "Accepted: written to Kafka and acknowledged", "Accepted", acceptedExample(type, false));
        response(responses, "200", "Duplicate: this eventId was accepted before; nothing new was written", "Accepted",
                acceptedExample(type, true));
        ObjectNode rejected = ErrorBody.at(ErrorBody.of(ProblemType.VALIDATION,
                "1 problem; the event was not published (recorded in ingest-rejected)",
                List.of(new Problem("creditCode", "check character is '5' but should be 'N'"))), "/v1/events/" + type.id())
                .put("eventId", "pat-2025-000001");
        problem(responses, "400", "Rejected: every problem with its field; the input went to ingest-rejected", rejected);
        errors(responses, "/v1/events/" + type.id());
        return (ObjectNode) F.objectNode().set("post", post);
    }

    private static ObjectNode batch(EventType type, String schemaName, IngestConfig config) {
        ObjectNode post = F.objectNode();
        post.put("summary", "Publish up to " + config.batchMaxRecords() + " " + type.id() + " events");
        post.put("operationId", "publish-" + type.id() + "-batch");
        post.put("description", "Each event is validated and published on its own: valid events are written even when "
                + "neighbours are rejected. The response lists one result per input index. 503 when any event was not "
                + "acknowledged (its result says 'failed'); resending the whole batch is then safe.");
        ObjectNode body = post.putObject("requestBody");
        body.put("required", true);
        ObjectNode media = body.putObject("content").putObject("application/json");
        ObjectNode schema = media.putObject("schema");
        schema.put("type", "array").put("maxItems", config.batchMaxRecords()).put("minItems", 1);
        schema.putObject("items").put("$ref", "#/components/schemas/" + schemaName);
        media.putArray("example").add(Examples.node(type));
        ObjectNode responses = post.putObject("responses");
        ObjectNode example = F.objectNode().put("accepted", 1).put("duplicates", 0).put("rejected", 1).put("failed", 0);
        ArrayNode results = example.putArray("results");
        results.addObject().put("index", 0).setAll(acceptedExample(type, false));
        ObjectNode bad = results.addObject().put("index", 1).put("status", "rejected").put("eventId", "x-2").put("message", "1 problem");
        bad.putArray("errors").addObject().put("field", "eventTime").put("reason", "expected an ISO-8601 timestamp with offset "
                + "(e.g. 2024-05-01T08:00:00Z) or epoch milliseconds, got \"yesterday\"");
        response(responses, "200", "Per-record results", "BatchResult", example);
        String path = "/v1/events/" + type.id() + ":batch";
        ObjectNode invalid = ErrorBody.at(ErrorBody.of(ProblemType.INVALID_BATCH, "the batch could not be read",
                List.of(new Problem("$", "malformed JSON at line 1, column 12: Unexpected end-of-input"))), path);
        problem(responses, "400", "The body is not a readable JSON array (the whole body went to ingest-rejected)", invalid);
        errors(responses, path);
        return (ObjectNode) F.objectNode().set("post", post);
    }

    private static void errors(ObjectNode responses, String path) {
        problem(responses, "401", "Missing or unknown API token", ErrorBody.at(ErrorBody.of(ProblemType.UNAUTHORIZED,
                "a valid API token is required: Authorization: Bearer <token>"), path));
        problem(responses, "403", "The token's provider may not publish this event type", ErrorBody.at(ErrorBody.of(
                ProblemType.FORBIDDEN, "provider 'tax-bureau' may not publish patents; allowed: [tax-filings]"), path));
        problem(responses, "404", "Unknown event type", ErrorBody.at(ErrorBody.of(ProblemType.UNKNOWN_EVENT_TYPE,
                "unknown event type 'patent'"), "/v1/events/patent"));
        problem(responses, "413", "Body or batch too large", ErrorBody.at(ErrorBody.of(ProblemType.PAYLOAD_TOO_LARGE,
                "request body exceeds 1048576 bytes"), path));
        problem(responses, "415", "Not JSON", ErrorBody.at(ErrorBody.field(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type", "send JSON (Content-Type: application/json), got text/plain; note=json"), path));
        ObjectNode tooMany = problem(responses, "429", "Rate limit or service capacity exceeded; retry after Retry-After "
                + "seconds", ErrorBody.at(ErrorBody.of(ProblemType.TOO_MANY_REQUESTS, "rate limit of 200.0 requests/s for "
                + "provider 'patent-office' exceeded; retry after 1 s"), path));
        tooMany.putObject("headers").putObject("Retry-After").put("description", "Seconds to wait").putObject("schema").put("type", "integer");
        ObjectNode unavailable = problem(responses, "503", "Kafka did not acknowledge in time; resending is safe",
                ErrorBody.at(ErrorBody.of(ProblemType.UNAVAILABLE, "Kafka did not acknowledge the write; it may or may "
                        + "not be stored. Resend the same events (the same eventId is safe)."), path));
        unavailable.putObject("headers").putObject("Retry-After").put("description", "Seconds to wait").putObject("schema").put("type", "integer");
    }

    private static ObjectNode response(ObjectNode responses, String code, String description, String schema, ObjectNode example) {
        return response(responses, code, description, "application/json", schema, example);
    }

    /** An error response: an RFC 9457 problem document ({@value ErrorBody#CONTENT_TYPE}). */
    private static ObjectNode problem(ObjectNode responses, String code, String description, ObjectNode example) {
        return response(responses, code, description, ErrorBody.CONTENT_TYPE, "Problem", example);
    }

    private static ObjectNode response(ObjectNode responses, String code, String description, String mediaType,
                                       String schema, ObjectNode example) {
        ObjectNode r = responses.putObject(code);
        r.put("description", description);
        ObjectNode media = r.putObject("content").putObject(mediaType);
        media.putObject("schema").put("$ref", "#/components/schemas/" + schema);
        media.set("example", example);
        return r;
    }

    private static ObjectNode acceptedExample(EventType type, boolean duplicate) {
        ObjectNode body = F.objectNode().put("status", duplicate ? "duplicate" : "accepted")
                .put("eventId", Examples.node(type).get("eventId").textValue())
                .put("topic", type.topic().defaultName()).put("partition", 3).put("offset", 1842);
        if (duplicate) {
            body.put("message", "duplicate, already accepted: eventId '" + body.get("eventId").textValue()
                    + "' was accepted before at these coordinates; nothing new was written");
        }
        return body;
    }

    private static ObjectNode simpleGet(String summary, String schema) {
        ObjectNode get = F.objectNode().putObject("get");
        get.put("summary", summary);
        get.putArray("security");
        ObjectNode ok = F.objectNode().put("status", "UP");
        ok.putObject("checks").put("kafka", "UP").put("schema-registry", "UP");
        response(get.putObject("responses"), "200", "Up", schema, ok);
        return (ObjectNode) F.objectNode().set("get", get);
    }

    private static void commonSchemas(ObjectNode schemas) {
        ObjectNode fieldError = schemas.putObject("FieldError");
        fieldError.put("type", "object");
        fieldError.putArray("required").add("field").add("reason");
        fieldError.putObject("properties").<ObjectNode>set("field", F.objectNode().put("type", "string")
                        .put("description", "Path of the offending field, e.g. creditCode, or $ for the whole input"))
                .set("reason", F.objectNode().put("type", "string").put("description", "What is wrong with it"));
        ObjectNode problem = schemas.putObject("Problem");
        problem.put("type", "object");
        problem.put("description", "RFC 9457 problem details, the one error body of every InnoPoints API");
        problem.putArray("required").add("type").add("title").add("status").add("detail");
        ObjectNode pp = problem.putObject("properties");
        ArrayNode types = F.arrayNode();
        for (ProblemType t : ProblemType.values()) {
            types.add(t.uri());
        }
        pp.putObject("type").put("type", "string").put("format", "uri").put("description", "The kind of error, one of "
                + types + ", or about:blank for a status without a declared kind");
        pp.putObject("title").put("type", "string").put("description", "Fixed summary of the kind");
        pp.putObject("status").put("type", "integer").put("description", "The HTTP status");
        pp.putObject("detail").put("type", "string").put("description", "What went wrong with this request");
        pp.putObject("instance").put("type", "string").put("description", "The request path");
        pp.putObject("errors").put("type", "array").put("description", "Every field at fault, when fields are")
                .putObject("items").put("$ref", "#/components/schemas/FieldError");
        pp.putObject("eventId").put("type", "string").put("description", "A rejected event's id, when it could be read");
        ObjectNode accepted = schemas.putObject("Accepted");
        accepted.put("type", "object");
        accepted.putArray("required").add("status").add("eventId").add("topic").add("partition").add("offset");
        ObjectNode ap = accepted.putObject("properties");
        ap.putObject("status").put("type", "string").putArray("enum").add("accepted").add("duplicate");
        ap.putObject("eventId").put("type", "string");
        ap.putObject("topic").put("type", "string");
        ap.putObject("partition").put("type", "integer");
        ap.putObject("offset").put("type", "integer").put("format", "int64");
        ap.putObject("message").put("type", "string");
        ObjectNode rejected = schemas.putObject("Rejected");
        rejected.put("type", "object");
        rejected.putArray("required").add("status").add("errors");
        ObjectNode rp = rejected.putObject("properties");
        rp.putObject("status").put("type", "string").putArray("enum").add("rejected");
        rp.putObject("eventId").put("type", "string").put("description", "When it could be read");
        rp.putObject("message").put("type", "string");
        rp.putObject("errors").put("type", "array").putObject("items").put("$ref", "#/components/schemas/FieldError");
        ObjectNode failed = schemas.putObject("Failed");
        failed.put("type", "object");
        ObjectNode fp = failed.putObject("properties");
        fp.putObject("status").put("type", "string").putArray("enum").add("failed");
        fp.putObject("message").put("type", "string");
        ObjectNode batch = schemas.putObject("BatchResult");
        batch.put("type", "object");
        batch.putArray("required").add("accepted").add("duplicates").add("rejected").add("failed").add("results");
        ObjectNode bp = batch.putObject("properties");
        for (String n : new String[] {"accepted", "duplicates", "rejected", "failed"}) {
            bp.putObject(n).put("type", "integer");
        }
        ObjectNode item = bp.putObject("results").put("type", "array").putObject("items");
        item.putObject("properties").putObject("index").put("type", "integer");
        ArrayNode oneOf = item.putArray("oneOf");
        oneOf.addObject().put("$ref", "#/components/schemas/Accepted");
        oneOf.addObject().put("$ref", "#/components/schemas/Rejected");
        oneOf.addObject().put("$ref", "#/components/schemas/Failed");
        ObjectNode health = schemas.putObject("HealthStatus");
        health.put("type", "object");
        ObjectNode hp = health.putObject("properties");
        hp.putObject("status").put("type", "string").putArray("enum").add("UP").add("DOWN");
        hp.putObject("checks").put("type", "object").putObject("additionalProperties").put("type", "string");
    }

    private static ObjectNode recordSchema(Schema record) {
        ObjectNode out = F.objectNode();
        out.put("type", "object");
        out.put("description", record.getDoc());
        out.put("additionalProperties", false);
        ArrayNode required = out.putArray("required");
        ObjectNode props = out.putObject("properties");
        for (Schema.Field field : record.getFields()) {
            Schema s = field.schema();
            boolean nullable = false;
            if (s.getType() == Schema.Type.UNION) {
                nullable = s.getTypes().stream().anyMatch(b -> b.getType() == Schema.Type.NULL);
                s = s.getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL).findFirst().orElseThrow();
            }
            if (!field.hasDefaultValue()) {
                required.add(field.name());
            }
            ObjectNode p = props.putObject(field.name());
            if (s.getLogicalType() instanceof LogicalTypes.Date) {
                p.put("type", "string").put("format", "date");
            } else if (s.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
                p.put("type", "string").put("format", "date-time")
                        .put("description", field.doc() + " ISO-8601 with offset, or epoch milliseconds as an integer.");
            } else {
                switch (s.getType()) {
                    case STRING -> p.put("type", "string");
                    case INT -> p.put("type", "integer").put("format", "int32");
                    case LONG -> p.put("type", "integer").put("format", "int64");
                    case DOUBLE, FLOAT -> p.put("type", "number");
                    case BOOLEAN -> p.put("type", "boolean");
                    case ENUM -> {
                        p.put("type", "string");
                        ArrayNode symbols = p.putArray("enum");
                        s.getEnumSymbols().forEach(symbols::add);
                    }
                    default -> p.put("type", "string");
                }
            }
            if (!p.has("description")) {
                p.put("description", field.doc());
            }
            if (nullable) {
                p.put("nullable", true);
            }
        }
        return out;
    }
}
