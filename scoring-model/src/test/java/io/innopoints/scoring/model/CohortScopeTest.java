package io.innopoints.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CohortScopeTest {

    @Test
    void shouldParseTheScopeAndStageOfTheIdsItBuilds() {
        for (CohortScope scope : CohortScope.values()) {
            String id = scope.cohortId("ZONE-A_1", "opportunity-growth");

            assertThat(CohortScope.scopeOf(id)).isEqualTo(scope);
            assertThat(CohortScope.stageOf(id)).isEqualTo("opportunity-growth");
        }
    }

    @Test
    void shouldNameNoScopeForAnIdOfNone() {
        assertThat(CohortScope.scopeOf("county:X:startup")).isNull();
        assertThat(CohortScope.scopeOf("no-colon")).isNull();
    }
}
