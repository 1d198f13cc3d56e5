package io.innopoints.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class CompatibilityTest {
    // v1: id; v2: + name (default); v3: - name, + required age (no default)
    private static final Schema V1 = SchemaBuilder.record("Person").fields().requiredString("id").endRecord();
    private static final Schema V2 = SchemaBuilder.record("Person").fields().requiredString("id")
            .name("name").type().stringType().stringDefault("").endRecord();
    private static final Schema REQUIRED_AGE = SchemaBuilder.record("Person").fields().requiredString("id")
            .requiredInt("age").endRecord();
    private static final Schema WITHOUT_ID = SchemaBuilder.record("Person").fields()
            .name("name").type().stringType().stringDefault("").endRecord();

    @Test
    void shouldAcceptNewFieldWithDefaultUnderBackward() {
        assertThat(Compatibility.BACKWARD.check(V2, List.of(V1)).compatible()).isTrue();
    }

    @Test
    void shouldRejectNewRequiredFieldUnderBackwardNamingTheField() {
        CompatibilityResult result = Compatibility.BACKWARD.check(REQUIRED_AGE, List.of(V1));

        assertThat(result.compatible()).isFalse();
        assertThat(result.messages()).singleElement().asString()
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("age").contains("#1");
    }

    @Test
    void shouldCompareBackwardWithLatestOnlyUnlessTransitive() {
        // Given v1 {a}, v2 {a, b default 0}, and a candidate {b required}: it reads v2 data but not v1 data
        Schema v1 = SchemaBuilder.record("R").fields().requiredInt("a").endRecord();
        Schema v2 = SchemaBuilder.record("R").fields().requiredInt("a").name("b").type().intType().intDefault(0)
                .endRecord();
        Schema candidate = SchemaBuilder.record("R").fields().requiredInt("b").endRecord();

        // When / Then
        assertThat(Compatibility.BACKWARD.check(candidate, List.of(v1, v2)).compatible()).isTrue();
        CompatibilityResult transitive = Compatibility.BACKWARD_TRANSITIVE.check(candidate, List.of(v1, v2));
        assertThat(transitive.compatible()).isFalse();
        assertThat(transitive.messages()).singleElement().asString().contains("#1").contains("b");
    }

    @Test
    void shouldCompareForwardWithLatestOnlyUnlessTransitive() {
        // Given v1 {id required}, v2 {name default}; a candidate without 'id' is readable by v2 but not by v1
        Schema noId = SchemaBuilder.record("Person").fields()
                .name("name").type().stringType().stringDefault("").endRecord();
        List<Schema> history = List.of(V1, WITHOUT_ID);

        // When / Then
        assertThat(Compatibility.FORWARD.check(noId, history).compatible()).isTrue();
        CompatibilityResult transitive = Compatibility.FORWARD_TRANSITIVE.check(noId, history);
        assertThat(transitive.compatible()).isFalse();
        assertThat(transitive.messages()).anySatisfy(m -> assertThat(m).contains("#1").contains("id"));
    }

    @Test
    void shouldRequireBothDirectionsUnderFull() {
        // removing a required field: backward ok (reader ignores it), forward broken (old reader needs it)
        Schema v2WithoutName = SchemaBuilder.record("Person").fields().requiredString("id").endRecord();
        Schema withRequiredName = SchemaBuilder.record("Person").fields().requiredString("id").requiredString("name")
                .endRecord();

        assertThat(Compatibility.BACKWARD.check(v2WithoutName, List.of(withRequiredName)).compatible()).isTrue();
        assertThat(Compatibility.FORWARD.check(v2WithoutName, List.of(withRequiredName)).compatible()).isFalse();
        assertThat(Compatibility.FULL.check(v2WithoutName, List.of(withRequiredName)).compatible()).isFalse();
        assertThat(Compatibility.FULL.check(V2, List.of(V1)).compatible()).isTrue();
    }

    @Test
    void shouldAcceptAnythingUnderNone() {
        assertThat(Compatibility.NONE.check(Schema.create(Schema.Type.INT), List.of(V1)).compatible()).isTrue();
    }

    @Test
    void shouldAcceptFirstSchema() {
        assertThat(Compatibility.FULL_TRANSITIVE.check(V1, List.of()).compatible()).isTrue();
    }

    @Test
    void shouldParseLevelsCaseInsensitively() {
        assertThat(Compatibility.parse("backward_transitive")).isEqualTo(Compatibility.BACKWARD_TRANSITIVE);
    }

    @Test
    void shouldRejectUnknownLevelWithConfluentCode() {
        assertThatThrownBy(() -> Compatibility.parse("SIDEWAYS"))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(42203);
                    assertThat(e.httpStatus()).isEqualTo(422);
                })
                .hasMessageContaining("SIDEWAYS");
    }
}
