package io.innopoints.schemas.topic;

import io.innopoints.schemas.control.ModelCommand;
import io.innopoints.schemas.credit.CreditListChange;
import io.innopoints.schemas.dlq.DeadLetter;
import io.innopoints.schemas.event.CredentialEvent;
import io.innopoints.schemas.event.EnterpriseRegistration;
import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.event.TaxFilingEvent;
import io.innopoints.schemas.event.TechContractEvent;
import io.innopoints.schemas.release.PeriodRelease;
import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.schemas.score.Leaderboard;
import io.innopoints.schemas.score.ModelShadowDiff;
import io.innopoints.schemas.score.RankingChange;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every topic of InnoPoints with its default name, value type and retention kind. Keys are always Avro
 * {@code "string"} in the Confluent wire format: the credit code (also for credit-list changes), the cohort id for leaderboards and
 * shadow diffs, the slot ('official' / 'shadow') for model commands, {@code <periodId>:<version>} for period releases. Names are configuration: see
 * {@link TopicCatalog}.
 */
public enum Topic {
    ENTERPRISE_REGISTRATIONS("enterprise-registrations", EnterpriseRegistration.class, false),
    PATENT_EVENTS("patent-events", PatentEvent.class, false),
    TECH_CONTRACT_EVENTS("tech-contract-events", TechContractEvent.class, false),
    TAX_FILING_EVENTS("tax-filing-events", TaxFilingEvent.class, false),
    CREDENTIAL_EVENTS("credential-events", CredentialEvent.class, false),
    ENTERPRISE_SCORES("enterprise-scores", EnterpriseScore.class, true),
    RANKING_CHANGES("ranking-changes", RankingChange.class, false),
    LEADERBOARDS("leaderboards", Leaderboard.class, true),
    MODEL_SHADOW_DIFFS("model-shadow-diffs", ModelShadowDiff.class, true),
    SCORING_MODELS("scoring-models", ModelCommand.class, true),
    INGEST_REJECTED("ingest-rejected", DeadLetter.class, false),
    SCORING_STREAM_DLQ("scoring-stream-dlq", DeadLetter.class, false),
    CREDIT_LIST_CHANGES("credit-list-changes", CreditListChange.class, false),
    PERIOD_RELEASES("period-releases", PeriodRelease.class, true);

    private final String defaultName;
    private final Class<? extends SpecificRecord> valueType;
    private final boolean compacted;

    Topic(String defaultName, Class<? extends SpecificRecord> valueType, boolean compacted) {
        this.defaultName = defaultName;
        this.valueType = valueType;
        this.compacted = compacted;
    }

    /** Default topic name, also the configuration suffix: {@code topic.<defaultName>=<actual name>}. */
    public String defaultName() {
        return defaultName;
    }

    public Class<? extends SpecificRecord> valueType() {
        return valueType;
    }

    /** True for topics holding the latest value per key ({@code cleanup.policy=compact}). */
    public boolean compacted() {
        return compacted;
    }

    /** Configuration key that overrides this topic's name. */
    public String configKey() {
        return "topic." + defaultName;
    }
}
