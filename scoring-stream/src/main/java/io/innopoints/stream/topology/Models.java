package io.innopoints.stream.topology;

import io.innopoints.schemas.control.ModelAction;
import io.innopoints.schemas.control.ModelCommand;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.schemas.validation.Validated;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models one task knows: the configured model and those named by the commands in the global
 * {@value ScoringTopology#MODELS_STORE} (key {@code official}: the latest ACTIVATE; key {@code shadow}: the latest
 * SHADOW or STOP_SHADOW). Each command's YAML is parsed once per task (cached by commandId), never per record.
 */
final class Models {
    static final String OFFICIAL = "official";
    static final String SHADOW = "shadow";
    private static final Logger LOG = LoggerFactory.getLogger(Models.class);

    private final ScoringModel configured;
    private final ReadOnlyKeyValueStore<String, ModelCommand> commands;
    private final Map<String, ScoringModel> byCommand = new HashMap<>();
    private final Map<String, ScoringModel> byKey = new HashMap<>();

    Models(ScoringModel configured, ReadOnlyKeyValueStore<String, ModelCommand> commands) {
        this.configured = configured;
        this.commands = commands;
        byKey.put(configured.key(), configured);
    }

    /** The official model: the latest valid ACTIVATE, else the configured one. */
    ScoringModel official() {
        ModelCommand c = commands == null ? null : commands.get(OFFICIAL);
        if (c == null || c.getAction() != ModelAction.ACTIVATE) {
            return configured;
        }
        return parse(c).orElse(configured);
    }

    /** The shadow candidate, when a SHADOW command is in force. */
    Optional<ScoringModel> shadow() {
        ModelCommand c = commands == null ? null : commands.get(SHADOW);
        if (c == null || c.getAction() != ModelAction.SHADOW) {
            return Optional.empty();
        }
        return parse(c);
    }

    /** A model seen by this task, by {@code id:version}; null when unknown. */
    ScoringModel byKey(String key) {
        ScoringModel m = byKey.get(key);
        if (m == null) {
            official();
            shadow();
            m = byKey.get(key);
        }
        return m;
    }

    private Optional<ScoringModel> parse(ModelCommand c) {
        ScoringModel cached = byCommand.get(c.getCommandId());
        if (cached != null) {
            return Optional.of(cached);
        }
        if (c.getModelYaml() == null) {
            return Optional.empty();
        }
        Validated<ScoringModel> parsed = ScoringModel.validate(c.getModelYaml(), "command " + c.getCommandId());
        if (!parsed.isOk()) {
            LOG.error("ignoring model command {} ({}): {}", c.getCommandId(), c.getAction(), parsed.summary());
            return Optional.empty();
        }
        byCommand.put(c.getCommandId(), parsed.value());
        byKey.put(parsed.value().key(), parsed.value());
        return Optional.of(parsed.value());
    }
}
