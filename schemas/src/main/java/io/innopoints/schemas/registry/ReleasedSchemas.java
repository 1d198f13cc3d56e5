package io.innopoints.schemas.registry;

import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.schemas.internal.PendingCauses;
import io.innopoints.schemas.internal.ProfileState;
import io.innopoints.schemas.internal.PublishedBoard;
import io.innopoints.schemas.internal.StageMember;
import io.innopoints.schemas.internal.StageMessageRecord;
import java.io.InputStream;
import io.innopoints.schemas.topic.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * The compatibility guard's data: released versions of every top-level record, kept as self-contained schema files
 * {@code <dir>/<FullName>/v<N>.avsc} (default dir {@code schemas/src/main/released}). {@link #problems} says which
 * current schema is not {@link Compatibility#BACKWARD_TRANSITIVE}-compatible with its released versions (a unit
 * test fails the build on any); {@link #main} releases: it writes {@code v<N+1>.avsc} for every current schema
 * that differs from its latest release, after checking compatibility.
 */
public final class ReleasedSchemas {
    /** Compatibility every schema change must keep (DESIGN.md: schemas evolve BACKWARD_TRANSITIVE). */
    public static final Compatibility POLICY = Compatibility.BACKWARD_TRANSITIVE;
    private static final Pattern VERSION_FILE = Pattern.compile("v(\\d+)\\.avsc");

    private ReleasedSchemas() {
    }

    /**
     * The top-level records under the guard: every topic's value type and scoring-stream's internal records (its
     * stores, changelogs and by-stage topic outlive an upgrade just as the topics do).
     */
    public static List<Schema> current() {
        Set<Class<?>> types = new LinkedHashSet<>();
        for (Topic topic : Topic.values()) {
            types.add(topic.valueType());
        }
        types.addAll(List.of(EnterpriseProfile.class, StageMessageRecord.class, StageMember.class,
                ProfileState.class, PublishedBoard.class, PendingCauses.class));
        return types.stream().map(type -> SpecificData.get().getSchema(type)).toList();
    }

    /**
     * Released versions of one record as shipped in this jar ({@code released/<FullName>/v<N>.avsc}, v1 upwards until
     * one is missing): what a decoder of Avro single-object encoding adds so it reads data written by older releases.
     */
    public static List<Schema> releasedOnClasspath(String fullName) {
        List<Schema> versions = new ArrayList<>();
        for (int n = 1; ; n++) {
            String resource = "/released/" + fullName + "/v" + n + ".avsc";
            try (InputStream in = ReleasedSchemas.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
    }

    /** Released versions of one record, by version number. */
    public static TreeMap<Integer, Schema> released(Path dir, String fullName) {
        TreeMap<Integer, Schema> versions = new TreeMap<>();
        Path recordDir = dir.resolve(fullName);
        if (!Files.isDirectory(recordDir)) {
            return versions;
        }
        try (Stream<Path> files = Files.list(recordDir)) {
            for (Path file : files.toList()) {
                Matcher m = VERSION_FILE.matcher(file.getFileName().toString());
                if (m.matches()) {
                    versions.put(Integer.parseInt(m.group(1)),
                            new Schema.Parser().parse(Files.readString(file, StandardCharsets.UTF_8)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read released schemas in " + recordDir, e);
        }
        return versions;
    }

    /**
     * Every reason the given schemas break the guard: a schema never released, or not {@link #POLICY}-compatible
     * with all its released versions (naming the schema and Avro's reason).
     */
    public static List<String> problems(Path dir, List<Schema> schemas) {
        List<String> problems = new ArrayList<>();
        for (Schema schema : schemas) {
            TreeMap<Integer, Schema> released = released(dir, schema.getFullName());
            if (released.isEmpty()) {
                problems.add(schema.getFullName() + " has no released version in " + dir.resolve(schema.getFullName())
                        + ": release it (see the schemas README)");
                continue;
            }
            Map<String, Schema> labelled = new LinkedHashMap<>();
            released.forEach((n, s) -> labelled.put("released v" + n, s));
            CompatibilityResult result = POLICY.check(schema, labelled);
            for (String message : result.messages()) {
                problems.add(schema.getFullName() + " is not " + POLICY + "-compatible: " + message);
            }
        }
        return problems;
    }

    /**
     * Releases the current schemas into {@code args[0]} (default {@code src/main/released}, or
     * {@code schemas/src/main/released} when run from the repository root): writes
     * {@code v<N+1>.avsc} for each schema that differs from its latest release; refuses when one is incompatible.
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0]
                : Files.isDirectory(Path.of("schemas/src/main/released")) ? "schemas/src/main/released"
                : "src/main/released");
        List<Schema> schemas = current();
        List<String> incompatible = problems(dir, schemas).stream().filter(p -> !p.contains("has no released")).toList();
        if (!incompatible.isEmpty()) {
            incompatible.forEach(System.err::println);
            throw new IllegalStateException(incompatible.size() + " schema(s) are incompatible; nothing released");
        }
        int written = 0;
        for (Schema schema : schemas) {
            TreeMap<Integer, Schema> released = released(dir, schema.getFullName());
            if (!released.isEmpty() && released.lastEntry().getValue().equals(schema)) {
                continue;
            }
            written++;
            int next = released.isEmpty() ? 1 : released.lastKey() + 1;
            Path file = dir.resolve(schema.getFullName()).resolve("v" + next + ".avsc");
            Files.createDirectories(file.getParent());
            Files.writeString(file, schema.toString(true) + System.lineSeparator(), StandardCharsets.UTF_8);
            System.out.println("released " + file);
        }
        if (written == 0) {
            System.out.println("nothing to release: every schema equals its latest release in " + dir);
        }
    }
}
