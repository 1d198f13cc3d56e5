package io.innopoints.sink.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.innopoints.schemas.config.ConfigException;
import io.innopoints.sink.config.SinkConfig;
import io.innopoints.sink.credit.CreditProgramme.StageRule;
import io.innopoints.sink.credit.CreditProgramme.TierLine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Credit programmes from the sink's configuration (properties and environment), and every bad value named by key. */
class CreditProgrammesTest {
    static Map<String, String> pilot() {
        Map<String, String> p = new HashMap<>();
        p.put("bootstrap.servers", "localhost:9092");
        p.put("credit.pilot.bank", "icbc");
        p.put("credit.pilot.zone", "ZONE-A");
        p.put("credit.pilot.budget-yuan", "800000000");
        p.put("credit.pilot.cap-yuan", "3000000");
        p.put("credit.pilot.tiers", "A=2000000, B=1000000");
        p.put("credit.pilot.eligibility", "*:tier<=B; startup:tier<=B,rank<=100,percentile>=50.5");
        return p;
    }

    @Test
    void shouldReadAProgrammeWithItsDefaults() {
        SinkConfig config = SinkConfig.load(pilot(), Map.of());

        assertThat(config.creditProgrammes()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("pilot");
            assertThat(p.bankId()).isEqualTo("icbc");
            assertThat(p.zone()).isEqualTo("ZONE-A");
            assertThat(p.budgetYuan()).isEqualTo(800_000_000L);
            assertThat(p.unitYuan()).isEqualTo(10_000L);
            assertThat(p.capYuan()).isEqualTo(3_000_000L);
            assertThat(p.tiers()).containsExactly(new TierLine("A", 2_000_000), new TierLine("B", 1_000_000));
            assertThat(p.stages()).containsOnly(Map.entry("*", new StageRule(null, "B", null)),
                    Map.entry("startup", new StageRule(100, "B", 5_050)));
            assertThat(p.excludePenalised()).isTrue();
        });
        assertThat(config.creditEventsEnabled()).isTrue();
    }

    @Test
    void shouldReadSeveralProgrammesAlsoFromTheEnvironment() {
        Map<String, String> env = Map.of("SINK_CREDIT_BOC_B_BANK", "boc", "SINK_CREDIT_BOC_B_ZONE", "ZONE-B",
                "SINK_CREDIT_BOC_B_BUDGET_YUAN", "1000000", "SINK_CREDIT_BOC_B_CAP_YUAN", "100000",
                "SINK_CREDIT_BOC_B_TIERS", "A=1", "SINK_CREDIT_BOC_B_EXCLUDE_PENALISED", "false");

        List<CreditProgramme> programmes = SinkConfig.load(pilot(), env).creditProgrammes();

        assertThat(programmes).extracting(CreditProgramme::id).containsExactly("boc-b", "pilot");
        assertThat(programmes.get(0).stages()).containsOnly(Map.entry("*", new StageRule(null, null, null)));
        assertThat(programmes.get(0).excludePenalised()).isFalse();
    }

    @Test
    void shouldNameTheKeyOfEveryBadValue() {
        assertProblem("credit.pilot.bank", null, "credit.pilot.bank: is required");
        assertProblem("credit.pilot.budget-yuan", "8e8", "credit.pilot.budget-yuan: '8e8' is not a whole number");
        assertProblem("credit.pilot.budget-yuan", "-1", "credit.pilot.budget-yuan");
        assertProblem("credit.pilot.cap-yuan", "5000", "credit.pilot.cap-yuan: is below one unit");
        assertProblem("credit.pilot.unit-yuan", "0", "credit.pilot.unit-yuan: must be at least 1");
        assertProblem("credit.pilot.tiers", "A=1,B=2", "credit.pilot.tiers: base lines must not increase");
        assertProblem("credit.pilot.tiers", "A:1", "credit.pilot.tiers: 'A:1' is not <tier>=<yuan>");
        assertProblem("credit.pilot.eligibility", "startup:tier<=D", "credit.pilot.eligibility: tier D");
        assertProblem("credit.pilot.eligibility", "startup:rank>=3", "credit.pilot.eligibility");
        assertProblem("credit.pilot.eligibility", "startup:percentile>=100.5", "above 100");
        assertProblem("credit.pilot.eligibility", "startup:percentile>=1.234", "at most two decimals");
        assertProblem("credit.pilot.eligibility", "startup", "is not <stage>:<conditions>");
        assertProblem("credit.pilot.eligibility", "*:all;*:rank<=3", "two rules");
        assertProblem("credit.pilot.exclude-penalised", "yes", "credit.pilot.exclude-penalised");
    }

    @Test
    void shouldRefuseAnUnknownProgrammeAttributeAsATypo() {
        Map<String, String> p = pilot();
        p.put("credit.pilot.budget", "1");

        assertThatThrownBy(() -> SinkConfig.load(p, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("credit.pilot.budget");
    }

    private static void assertProblem(String key, String value, String message) {
        Map<String, String> p = pilot();
        if (value == null) {
            p.remove(key);
        } else {
            p.put(key, value);
        }
        assertThatThrownBy(() -> SinkConfig.load(p, Map.of())).as("%s=%s", key, value)
                .isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }
}
