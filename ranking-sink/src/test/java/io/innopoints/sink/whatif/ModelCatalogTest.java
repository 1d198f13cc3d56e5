package io.innopoints.sink.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.innopoints.scoring.model.ModelValidationException;
import io.innopoints.scoring.model.ScoringModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogTest {
    /** A small model file of two indicators. */
    static final String MODEL = """
            id: wi
            version: "1"
            topN: 2
            cohortScopes: [zone]
            stages:
              - id: growth
                names: {zh: 成长期, en: Growth}
            dimensions:
              - id: tech
                names: {zh: 技术, en: Tech}
            indicators:
              - id: rd
                names: {zh: 研发费用, en: R&D}
                dimension: tech
                metric: rd-expense
                scorer: {kind: capped-linear, ref: 100}
                weights: 10
              - id: patents
                names: {zh: 专利, en: Patents}
                dimension: tech
                metric: valid-patents
                scorer: {kind: per-item, maxItems: 5}
                weights: 10
            """;

    @TempDir
    Path dir;

    @Test
    void shouldHoldBuiltinModelsAndConfiguredFilesByIdAndVersion() throws Exception {
        // Given a model file configured besides the built-in models
        Path file = Files.writeString(dir.resolve("wi.yaml"), MODEL);

        // When
        ModelCatalog catalog = ModelCatalog.fromOption(" " + file + " ,");

        // Then
        ScoringModel zone = ScoringModel.builtin("zone-20n");
        assertThat(catalog.find("zone-20n", zone.version())).isPresent();
        assertThat(catalog.find("zone-20n", "0.0.0-unknown")).isEmpty();
        assertThat(catalog.find("wi", "1")).hasValueSatisfying(m -> assertThat(m.indicators()).hasSize(2));
        assertThat(catalog.keys()).contains("national-2024:" + ScoringModel.builtin("national-2024").version(), "wi:1");
    }

    @Test
    void shouldFailStartUpListingTheProblemsOfABrokenFile() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.yaml"), MODEL.replace("weights: 10", "weights: -1"));

        assertThatThrownBy(() -> ModelCatalog.fromOption(file.toString()))
                .isInstanceOf(ModelValidationException.class)
                .hasMessageContaining("broken.yaml").hasMessageContaining("weights");
    }
}
