package io.innopoints.stream.topology;

import io.innopoints.schemas.control.ModelAction;
import io.innopoints.schemas.control.ModelCommand;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.schemas.validation.Validated;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global {@value ScoringTopology#MODELS_STORE} from the compacted scoring-models topic: a command whose
 * model does not load (or whose key is not 'official' / 'shadow') is logged with every problem and not stored, so
 * a bad command never replaces a good model.
 */
final class ModelCommandProcessor implements Processor<String, ModelCommand, Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(ModelCommandProcessor.class);
    private KeyValueStore<String, ModelCommand> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(ScoringTopology.MODELS_STORE);
    }

    @Override
    public void process(Record<String, ModelCommand> record) {
        ModelCommand c = record.value();
        String slot = record.key();
        if (c == null || !(Models.OFFICIAL.equals(slot) || Models.SHADOW.equals(slot))) {
            LOG.error("ignoring model command with key '{}': the key must be 'official' or 'shadow'", slot);
            return;
        }
        if (c.getAction() != ModelAction.STOP_SHADOW) {
            if (c.getModelYaml() == null) {
                LOG.error("ignoring model command {}: modelYaml is required for {}", c.getCommandId(), c.getAction());
                return;
            }
            Validated<ScoringModel> parsed = ScoringModel.validate(c.getModelYaml(), "command " + c.getCommandId());
            if (!parsed.isOk()) {
                LOG.error("ignoring model command {}: {}", c.getCommandId(), parsed.summary());
                return;
            }
        }
        store.put(slot, c);
    }
}
