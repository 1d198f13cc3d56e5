package io.innopoints.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryClientTest {
    private static final Schema V1 = SchemaBuilder.record("Person").fields().requiredString("id").endRecord();
    private static final Schema V2 = SchemaBuilder.record("Person").fields().requiredString("id")
            .name("name").type().stringType().stringDefault("").endRecord();
    private static final Schema REQUIRED_AGE = SchemaBuilder.record("Person").fields().requiredString("id")
            .requiredInt("age").endRecord();

    private final SchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    @Test
    void shouldReturnSameIdWhenSameSchemaIsRegisteredAgain() {
        int first = registry.register("people-value", V1);
        int again = registry.register("people-value", new Schema.Parser().parse(V1.toString()));

        assertThat(again).isEqualTo(first);
        assertThat(registry.versions("people-value")).containsExactly(1);
    }

    @Test
    void shouldShareGlobalIdAcrossSubjectsAndNumberVersionsPerSubject() {
        int v1 = registry.register("people-value", V1);
        int v2 = registry.register("people-value", V2);
        int elsewhere = registry.register("staff-value", V2);

        assertThat(v2).isEqualTo(v1 + 1);
        assertThat(elsewhere).isEqualTo(v2);
        assertThat(registry.versions("people-value")).containsExactly(1, 2);
        assertThat(registry.getVersion("staff-value", 1).id()).isEqualTo(v2);
        assertThat(registry.getLatest("people-value")).isEqualTo(new RegisteredSchema("people-value", 2, v2, V2));
        assertThat(registry.subjects()).containsExactly("people-value", "staff-value");
    }

    @Test
    void shouldRejectIncompatibleSchemaWith409AndReason() {
        registry.register("people-value", V1);

        assertThatThrownBy(() -> registry.register("people-value", REQUIRED_AGE))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.httpStatus()).isEqualTo(409);
                })
                .hasMessageContaining("people-value")
                .hasMessageContaining("age");
        assertThat(registry.versions("people-value")).containsExactly(1);
    }

    @Test
    void shouldAcceptIncompatibleSchemaWhenSubjectLevelIsNone() {
        registry.register("people-value", V1);
        registry.setCompatibility("people-value", Compatibility.NONE);

        registry.register("people-value", REQUIRED_AGE);

        assertThat(registry.getCompatibility("people-value")).isEqualTo(Compatibility.NONE);
        assertThat(registry.getCompatibility()).isEqualTo(Compatibility.BACKWARD);
        assertThat(registry.versions("people-value")).containsExactly(1, 2);
    }

    @Test
    void shouldReportCompatibilityWithReasons() {
        registry.register("people-value", V1);

        CompatibilityResult bad = registry.testCompatibility("people-value", REQUIRED_AGE);
        CompatibilityResult good = registry.testCompatibility("people-value", V2);

        assertThat(bad.compatible()).isFalse();
        assertThat(bad.messages()).anySatisfy(m -> assertThat(m).contains("age").contains("version 1"));
        assertThat(good.compatible()).isTrue();
    }

    @Test
    void shouldLookUpRegisteredSchemaAndMissNewOne() {
        int id = registry.register("people-value", V1);

        assertThat(registry.lookup("people-value", V1)).contains(new RegisteredSchema("people-value", 1, id, V1));
        assertThat(registry.lookup("people-value", V2)).isEmpty();
        assertThat(registry.lookup("nobody-value", V1)).isEmpty();
    }

    @Test
    void shouldUseConfluentCodesForUnknownThings() {
        registry.register("people-value", V1);

        assertThatThrownBy(() -> registry.getById(99)).isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(40403));
        assertThatThrownBy(() -> registry.versions("nobody")).isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(40401));
        assertThatThrownBy(() -> registry.getVersion("people-value", 7)).isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(40402));
    }

    @Test
    void shouldEnforceTransitiveLevelAgainstAllVersions() {
        // Given v1 {id}, v2 {} (id removed: backward-compatible), with the global level FORWARD_TRANSITIVE later
        Schema empty = SchemaBuilder.record("Person").fields().endRecord();
        Schema onlyName = SchemaBuilder.record("Person").fields()
                .name("name").type().stringType().stringDefault("").endRecord();
        registry.setCompatibility(Compatibility.NONE);
        registry.register("people-value", V1);
        registry.register("people-value", empty);

        // When FORWARD (latest only) vs FORWARD_TRANSITIVE (v1 cannot read data without 'id')
        registry.setCompatibility(Compatibility.FORWARD);
        boolean latestOnly = registry.testCompatibility("people-value", onlyName).compatible();
        registry.setCompatibility(Compatibility.FORWARD_TRANSITIVE);

        // Then
        assertThat(latestOnly).isTrue();
        assertThatThrownBy(() -> registry.register("people-value", onlyName))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(409))
                .hasMessageContaining("version 1");
    }
}
