package io.innopoints.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class RegistryCoreTest {
    private static final Schema V1 = SchemaBuilder.record("Person").fields().requiredString("id").endRecord();
    private static final Schema V2 = SchemaBuilder.record("Person").fields().requiredString("id")
            .name("name").type().stringType().stringDefault("").endRecord();

    @Test
    void shouldRebuildIdenticalStateFromReplayedJournal() {
        // Given a core whose journal records every entry
        List<RegistryEntry> journal = new ArrayList<>();
        RegistryCore[] holder = new RegistryCore[1];
        holder[0] = new RegistryCore(entry -> {
            journal.add(entry);
            holder[0].apply(entry);
        });
        RegistryCore original = holder[0];
        original.register("a-value", V1);
        int v2 = original.register("a-value", V2);
        original.register("b-value", V1);
        original.setLevel("b-value", Compatibility.FULL);

        // When a fresh core replays the journal
        RegistryCore replayed = RegistryCore.inMemory();
        journal.forEach(replayed::apply);

        // Then ids, versions and levels are the same, and new ids continue after the old ones
        assertThat(replayed.version("a-value", "latest")).isEqualTo(original.version("a-value", "latest"));
        assertThat(replayed.version("b-value", "1").id()).isEqualTo(original.version("b-value", "1").id());
        assertThat(replayed.subjectLevel("b-value")).contains(Compatibility.FULL);
        assertThat(replayed.register("c-value", Schema.create(Schema.Type.STRING))).isEqualTo(v2 + 1);
    }

    @Test
    void shouldIgnoreConflictingEntryForTakenVersion() {
        RegistryCore core = RegistryCore.inMemory();
        core.apply(new RegistryEntry.SchemaVersion("a-value", 1, 1, V1.toString(), false));

        boolean applied = core.apply(new RegistryEntry.SchemaVersion("a-value", 1, 2, V2.toString(), false));

        assertThat(applied).isFalse();
        assertThat(core.version("a-value", "1").schema()).isEqualTo(V1);
    }

    @Test
    void shouldRegisterAgainWhenAnotherWriterTookTheVersionFirst() {
        // Given a journal where a concurrent writer's entry lands just before ours
        RegistryCore[] holder = new RegistryCore[1];
        boolean[] raced = {false};
        holder[0] = new RegistryCore(entry -> {
            if (!raced[0]) {
                raced[0] = true;
                holder[0].apply(new RegistryEntry.SchemaVersion("a-value", 1, 1, V1.toString(), false));
            }
            holder[0].apply(entry);
        });

        // When
        int id = holder[0].register("a-value", V2);

        // Then ours became version 2 with the next id
        assertThat(id).isEqualTo(2);
        assertThat(holder[0].versions("a-value")).containsExactly(1, 2);
    }

    @Test
    void shouldSoftDeleteSubjectAndKeepVersionNumbering() {
        RegistryCore core = RegistryCore.inMemory();
        int id = core.register("a-value", V1);

        assertThat(core.deleteSubject("a-value")).containsExactly(1);
        assertThat(core.subjects()).isEmpty();
        assertThatThrownBy(() -> core.versions("a-value")).isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(40401));
        assertThat(core.schemaById(id)).isEqualTo(V1);

        assertThat(core.register("a-value", V1)).isEqualTo(id);
        assertThat(core.versions("a-value")).containsExactly(2);
    }

    @Test
    void shouldRejectNonAvroAndMalformedSchemasWith42201() {
        assertThatThrownBy(() -> RegistryCore.parse("syntax = \"proto3\";", "PROTOBUF"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42201))
                .hasMessageContaining("PROTOBUF");
        assertThatThrownBy(() -> RegistryCore.parse("{\"type\":\"record\",\"name\":\"X\",\"fields\":[{\"name\":\"a\"}]}",
                null))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42201));
        assertThatThrownBy(() -> RegistryCore.parse("{\"type\":\"strang\"}", "AVRO"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42201))
                .hasMessageContaining("strang");
    }

    @Test
    void shouldRejectBadVersionSelectorWith42202() {
        RegistryCore core = RegistryCore.inMemory();
        core.register("a-value", V1);

        assertThatThrownBy(() -> core.version("a-value", "first"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42202));
        assertThatThrownBy(() -> core.version("a-value", "0"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42202));
    }
}
