package io.innopoints.localstack.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.schemas.registry.Compatibility;
import io.innopoints.schemas.registry.CompatibilityResult;
import io.innopoints.schemas.registry.RegisteredSchema;
import io.innopoints.schemas.registry.RegistryCore;
import io.innopoints.schemas.registry.RegistryException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Optional;
import org.apache.avro.Schema;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible schema registry server (AVRO only) on Javalin, storing its state in a compacted Kafka
 * topic. Serves Confluent's REST API with its content type {@code application/vnd.schemaregistry.v1+json} and its
 * error body {@code {"error_code":…,"message":…}}:
 * <pre>
 * POST   /subjects/{s}/versions                      register → {"id":n} (same schema again → same id)
 * POST   /subjects/{s}                               lookup → {"subject","version","id","schema"}
 * GET    /subjects, /subjects/{s}/versions, /subjects/{s}/versions/{v|latest}[/schema]
 * DELETE /subjects/{s}                               soft delete → [versions]
 * GET    /schemas/ids/{id}[/schema], /schemas/types
 * POST   /compatibility/subjects/{s}/versions[/{v|latest}][?verbose=true] → {"is_compatible":b[,"messages"]}
 * GET|PUT /config, GET|PUT|DELETE /config/{s}       {"compatibilityLevel"} / {"compatibility"}
 * </pre>
 * Registry semantics (ids, versions, levels, compatibility) are {@link RegistryCore}'s, shared with the in-memory
 * client. Storage: {@link KafkaSchemaJournal}; {@link #startInMemory} keeps state in memory for unit tests.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final RegistryCore core;
    private final KafkaSchemaJournal journal;
    private final ObjectMapper json = new ObjectMapper();
    private final Javalin app;

    private EmbeddedSchemaRegistry(RegistryCore core, KafkaSchemaJournal journal, int port) {
        this.core = core;
        this.journal = journal;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.jetty.threadPool = new QueuedThreadPool(16, 2, 60_000);
            config.http.defaultContentType = CONTENT_TYPE;
        });
        routes();
        app.start("127.0.0.1", port);
    }

    /**
     * Starts a registry storing its state in {@code topic} on the given Kafka cluster (created if absent), after
     * replaying the topic so ids and versions are those of earlier runs.
     *
     * @param port HTTP port on 127.0.0.1, 0 for an ephemeral one
     * @param topic usually {@code "_schemas"}
     */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, int port, String topic) {
        KafkaSchemaJournal journal = new KafkaSchemaJournal(bootstrapServers, topic);
        try {
            RegistryCore core = new RegistryCore(journal);
            journal.start(core::apply);
            EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(core, journal, port);
            LOG.info("Schema registry at {} storing in topic {} on {}", registry.url(), topic, bootstrapServers);
            return registry;
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    /** A registry without durability (state lost on close), for tests of the HTTP API. */
    public static EmbeddedSchemaRegistry startInMemory(int port) {
        return new EmbeddedSchemaRegistry(RegistryCore.inMemory(), null, port);
    }

    /** Base URL, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        return "http://127.0.0.1:" + app.port();
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        if (journal != null) {
            journal.close();
        }
    }

    // ---------------------------------------------------------------- routes

    private void routes() {
        app.get("/", ctx -> reply(ctx, json.createObjectNode()));
        app.get("/schemas/types", ctx -> reply(ctx, json.createArrayNode().add("AVRO")));
        app.get("/schemas/ids/{id}", ctx -> {
            int id = schemaId(ctx.pathParam("id"));
            reply(ctx, json.createObjectNode().put("schema", core.schemaById(id).toString()));
        });
        app.get("/schemas/ids/{id}/schema", ctx -> replyRaw(ctx, core.schemaById(schemaId(ctx.pathParam("id")))));

        app.get("/subjects", ctx -> {
            ArrayNode subjects = json.createArrayNode();
            core.subjects().forEach(subjects::add);
            reply(ctx, subjects);
        });
        app.get("/subjects/{subject}/versions", ctx -> {
            ArrayNode versions = json.createArrayNode();
            core.versions(ctx.pathParam("subject")).forEach(versions::add);
            reply(ctx, versions);
        });
        app.post("/subjects/{subject}/versions", ctx -> {
            int id = core.register(ctx.pathParam("subject"), schemaFromBody(ctx));
            reply(ctx, json.createObjectNode().put("id", id));
        });
        app.post("/subjects/{subject}", ctx -> reply(ctx, describe(core.lookup(ctx.pathParam("subject"),
                schemaFromBody(ctx)))));
        app.delete("/subjects/{subject}", ctx -> {
            ArrayNode versions = json.createArrayNode();
            core.deleteSubject(ctx.pathParam("subject")).forEach(versions::add);
            reply(ctx, versions);
        });
        app.get("/subjects/{subject}/versions/{version}", ctx -> reply(ctx,
                describe(core.version(ctx.pathParam("subject"), ctx.pathParam("version")))));
        app.get("/subjects/{subject}/versions/{version}/schema", ctx -> replyRaw(ctx,
                core.version(ctx.pathParam("subject"), ctx.pathParam("version")).schema()));

        app.post("/compatibility/subjects/{subject}/versions", ctx -> compatibility(ctx, "latest"));
        app.post("/compatibility/subjects/{subject}/versions/{version}",
                ctx -> compatibility(ctx, ctx.pathParam("version")));

        app.get("/config", ctx -> reply(ctx, level(core.globalLevel())));
        app.put("/config", ctx -> {
            Compatibility level = levelFromBody(ctx);
            core.setLevel(null, level);
            reply(ctx, json.createObjectNode().put("compatibility", level.name()));
        });
        app.get("/config/{subject}", ctx -> {
            String subject = ctx.pathParam("subject");
            Optional<Compatibility> own = core.subjectLevel(subject);
            if (own.isEmpty() && !"true".equalsIgnoreCase(ctx.queryParam("defaultToGlobal"))) {
                throw new RegistryException(404, RegistryException.SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED,
                        "Subject '" + subject + "' does not have subject-level compatibility configured");
            }
            reply(ctx, level(own.orElseGet(core::globalLevel)));
        });
        app.put("/config/{subject}", ctx -> {
            Compatibility level = levelFromBody(ctx);
            core.setLevel(ctx.pathParam("subject"), level);
            reply(ctx, json.createObjectNode().put("compatibility", level.name()));
        });
        app.delete("/config/{subject}", ctx -> {
            String subject = ctx.pathParam("subject");
            Compatibility previous = core.subjectLevel(subject).orElseThrow(() -> new RegistryException(404,
                    RegistryException.SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED,
                    "Subject '" + subject + "' does not have subject-level compatibility configured"));
            core.setLevel(subject, null);
            reply(ctx, level(previous));
        });

        app.exception(RegistryException.class, (e, ctx) -> error(ctx, e.httpStatus(), e.errorCode(), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("Schema registry request {} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, 500, "Internal server error: " + e.getClass().getSimpleName());
        });
        // Javalin's own 404/405 bodies are plain text; ours (already Confluent-shaped) are left alone
        app.error(404, ctx -> {
            if (!isConfluentError(ctx)) {
                error(ctx, 404, 404, "HTTP 404 Not Found: no endpoint " + ctx.method() + " " + ctx.path());
            }
        });
        app.error(405, ctx -> {
            if (!isConfluentError(ctx)) {
                error(ctx, 405, 405, "HTTP 405 Method Not Allowed: " + ctx.method() + " " + ctx.path());
            }
        });
    }

    private static boolean isConfluentError(Context ctx) {
        return ctx.result() != null && ctx.result().startsWith("{\"error_code\"");
    }

    private void compatibility(Context ctx, String version) {
        Schema schema = schemaFromBody(ctx);
        CompatibilityResult result = core.testCompatibility(ctx.pathParam("subject"), version, schema);
        ObjectNode body = json.createObjectNode().put("is_compatible", result.compatible());
        if ("true".equalsIgnoreCase(ctx.queryParam("verbose"))) {
            ArrayNode messages = body.putArray("messages");
            result.messages().forEach(messages::add);
        }
        reply(ctx, body);
    }

    // ---------------------------------------------------------------- request and response bodies

    private Schema schemaFromBody(Context ctx) {
        JsonNode body = bodyJson(ctx, RegistryException.INVALID_SCHEMA);
        JsonNode references = body.path("references");
        if (references.isArray() && !references.isEmpty()) {
            throw RegistryException.invalidSchema("schema references are not supported by this registry");
        }
        JsonNode schema = body.get("schema");
        if (schema != null && !schema.isTextual()) {
            throw RegistryException.invalidSchema("the 'schema' field must be a string holding the schema's JSON");
        }
        JsonNode type = body.get("schemaType");
        return RegistryCore.parse(schema == null ? null : schema.asText(),
                type == null || type.isNull() ? null : type.asText());
    }

    private Compatibility levelFromBody(Context ctx) {
        JsonNode body = bodyJson(ctx, RegistryException.INVALID_COMPATIBILITY_LEVEL);
        JsonNode level = body.has("compatibility") ? body.get("compatibility") : body.get("compatibilityLevel");
        return Compatibility.parse(level == null || level.isNull() ? null : level.asText());
    }

    private JsonNode bodyJson(Context ctx, int errorCode) {
        String body = ctx.body();
        try {
            JsonNode node = body.isBlank() ? null : json.readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            throw new RegistryException(422, errorCode, "Request body is not valid JSON: " + e.getOriginalMessage());
        }
        throw new RegistryException(422, errorCode, "Request body must be a JSON object");
    }

    private ObjectNode describe(RegisteredSchema registered) {
        return json.createObjectNode().put("subject", registered.subject()).put("version", registered.version())
                .put("id", registered.id()).put("schema", registered.schema().toString());
    }

    private ObjectNode level(Compatibility level) {
        return json.createObjectNode().put("compatibilityLevel", level.name());
    }

    private static int schemaId(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw RegistryException.schemaNotFound("'" + text + "' is not a schema id");
        }
    }

    private void reply(Context ctx, JsonNode body) {
        ctx.status(200).contentType(CONTENT_TYPE).result(body.toString());
    }

    private void replyRaw(Context ctx, Schema schema) {
        ctx.status(200).contentType(CONTENT_TYPE).result(schema.toString());
    }

    private void error(Context ctx, int status, int errorCode, String message) {
        ctx.status(status).contentType(CONTENT_TYPE)
                .result(json.createObjectNode().put("error_code", errorCode).put("message", message).toString());
    }
}
