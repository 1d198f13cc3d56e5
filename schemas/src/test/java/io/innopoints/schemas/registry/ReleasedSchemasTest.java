package io.innopoints.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.event.PatentEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's compatibility guard: today's schemas must be BACKWARD_TRANSITIVE with every released version. */
class ReleasedSchemasTest {
    private static final Path RELEASED = Path.of("src/main/released");

    @Test
    void shouldKeepEveryCurrentSchemaBackwardTransitiveCompatibleWithItsReleases() {
        List<String> problems = ReleasedSchemas.problems(RELEASED, ReleasedSchemas.current());

        assertThat(problems).as("schema changes that break the released contract (see schemas/README)").isEmpty();
    }

    @Test
    void shouldHaveReleasedEveryTopLevelRecordAtLeastOnce() {
        for (Schema schema : ReleasedSchemas.current()) {
            assertThat(ReleasedSchemas.released(RELEASED, schema.getFullName()))
                    .as("released versions of %s", schema.getFullName()).isNotEmpty();
        }
    }

    @Test
    void shouldDetectNewRequiredFieldWithoutDefault() {
        // Given today's PatentEvent plus a required field without a default
        Schema changed = withExtraField(PatentEvent.getClassSchema(), "{\"name\":\"claims\",\"type\":\"int\"}");

        // When
        List<String> problems = ReleasedSchemas.problems(RELEASED, List.of(changed));

        // Then the guard names the schema, the released version and Avro's reason
        assertThat(problems).singleElement().asString()
                .contains("io.innopoints.schemas.event.PatentEvent")
                .contains("released v1")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains("claims");
    }

    @Test
    void shouldAcceptNewOptionalFieldWithDefault() {
        Schema changed = withExtraField(PatentEvent.getClassSchema(),
                "{\"name\":\"claims\",\"type\":[\"null\",\"int\"],\"default\":null}");

        assertThat(ReleasedSchemas.problems(RELEASED, List.of(changed))).isEmpty();
    }

    @Test
    void shouldReleaseChangedSchemasAsNextVersion(@TempDir Path dir) throws IOException {
        // Given a copy of the released versions with PatentEvent v1 replaced by an older, smaller schema
        copyTree(RELEASED, dir);
        Path patentDir = dir.resolve("io.innopoints.schemas.event.PatentEvent");
        Schema current = PatentEvent.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        current.getFields().stream().filter(f -> !f.name().equals("title"))
                .forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        Schema older = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
        Files.writeString(patentDir.resolve("v1.avsc"), older.toString(true));

        // When
        ReleasedSchemas.main(new String[] {dir.toString()});

        // Then only PatentEvent got a v2, equal to today's schema
        assertThat(ReleasedSchemas.released(dir, current.getFullName())).containsOnlyKeys(1, 2)
                .containsEntry(2, current);
        assertThat(ReleasedSchemas.released(dir, "io.innopoints.schemas.event.TaxFilingEvent")).containsOnlyKeys(1);
    }

    private static Schema withExtraField(Schema schema, String fieldJson) {
        String json = schema.toString();
        String patched = json.substring(0, json.lastIndexOf(']')) + "," + fieldJson + json.substring(json.lastIndexOf(']'));
        return new Schema.Parser().parse(patched);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
