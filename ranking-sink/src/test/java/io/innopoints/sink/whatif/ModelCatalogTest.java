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
    @TempDir
    Path dir;

    @Test
    void shouldHoldBuiltinModelsAndConfiguredFilesByIdAndVersion() throws Exception {
        // Given a model file configured besides the built-in models
        Path file = Files.writeString(dir.resolve("wi.yaml"), WhatIfEngineTest.MODEL);

        // When
        ModelCatalog catalog = ModelCatalog.fromOption(" " + file + " ,");

        // Then
        ScoringModel zone = ScoringModel.builtin("zone-20n");
        assertThat(catalog.find("zone-20n", zone.version())).isPresent();
        assertThat(catalog.find("zone-20n", "0.0.0-unknown")).isEmpty();
        assertThat(catalog.find("wi", "1")).hasValueSatisfying(m -> assertThat(m.indicators()).hasSize(6));
        assertThat(catalog.keys()).contains("national-2024:" + ScoringModel.builtin("national-2024").version(), "wi:1");
    }

    @Test
    void shouldFailStartUpListingTheProblemsOfABrokenFile() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.yaml"), WhatIfEngineTest.MODEL.replace("weights: 10", "weights: -1"));

        assertThatThrownBy(() -> ModelCatalog.fromOption(file.toString()))
                .isInstanceOf(ModelValidationException.class)
                .hasMessageContaining("broken.yaml").hasMessageContaining("weights");
    }
}
