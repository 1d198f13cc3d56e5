package io.innopoints.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.ingest.bulk.Checkpoint;
import io.innopoints.ingest.bulk.LoadRequest;
import io.innopoints.ingest.rest.Examples;
import io.innopoints.localstack.junit.LocalStackExtension;
import io.innopoints.schemas.dlq.DeadLetter;
import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash and rerun: the loader runs as its own JVM ({@code target/ingest.jar}), is killed with
 * {@code destroyForcibly} in the middle of the file, and the same command is run again. Afterwards the topic holds
 * every valid eventId exactly once and the dead-letter topic one letter per malformed line.
 */
class LoadResumeIT {
    @RegisterExtension
    static final LocalStackExtension platform = LocalStackExtension.singleNode();

    private static final int LINES = 200_000;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldNeitherDuplicateNorLoseRecordsWhenRerunAfterACrash() throws Exception {
        // given a file of valid patents with a malformed line every 1000 lines
        TopicCatalog topics = platform.uniqueCatalog(3);
        Path file = dir.resolve("patents.jsonl");
        int malformed = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            ObjectNode event = (ObjectNode) Examples.node(EventType.PATENTS);
            for (int i = 1; i <= LINES; i++) {
                event.put("eventId", "resume-" + i);
                String line = event.toString();
                if (i % 1000 == 0) {
                    line = line.replace("\"INVENTION\"", "\"HOVERCRAFT\"");
                    malformed++;
                }
                out.write(line);
                out.write('\n');
            }
        }
        Path config = dir.resolve("ingest.properties");
        Properties props = new Properties();
        props.putAll(Platforms.properties(platform, topics));
        try (var writer = Files.newBufferedWriter(config)) {
            props.store(writer, "LoadResumeIT");
        }
        Path checkpoint = LoadRequest.defaultCheckpoint(file);

        // when the loader is killed mid-file
        Process first = loader(file, config, dir.resolve("first.out"));
        Awaitility.await("the first run checkpoints part of the file").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> !first.isAlive() || lastLine(checkpoint) >= LINES / 10);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Checkpoint interrupted = Checkpoint.read(checkpoint);
        assertThat(interrupted.complete()).as("killed before the end (else the test proves nothing)").isFalse();
        assertThat(interrupted.lastLine()).isLessThan(LINES);

        // and the same command runs again
        Process second = loader(file, config, dir.resolve("second.out"));
        assertThat(second.waitFor(240, TimeUnit.SECONDS)).as("second run finished").isTrue();
        String summary = Files.readString(dir.resolve("second.out"));

        // then
        assertThat(second.exitValue()).as(summary).isEqualTo(1);
        assertThat(summary).contains((LINES - malformed) + " accepted").contains(malformed + " rejected")
                .contains("resumed after line " + interrupted.lastLine());
        int valid = LINES - malformed;
        var events = platform.consumeUntil(topics.name(Topic.PATENT_EVENTS), PatentEvent.class,
                read -> read.size() >= valid, Duration.ofSeconds(120));
        Map<String, Integer> perId = new HashMap<>();
        events.forEach(r -> perId.merge(r.value().getEventId(), 1, Integer::sum));
        List<String> duplicated = new ArrayList<>();
        perId.forEach((id, n) -> {
            if (n > 1) {
                duplicated.add(id);
            }
        });
        assertThat(duplicated).as("eventIds written twice").isEmpty();
        assertThat(perId).as("every valid line is in the topic").hasSize(valid);
        int letters = malformed;
        var dead = platform.consumeUntil(topics.name(Topic.INGEST_REJECTED), DeadLetter.class,
                read -> read.size() >= letters, Duration.ofSeconds(60));
        assertThat(dead).hasSize(letters);
        assertThat(dead.stream().map(r -> r.value().getSourceLine()).distinct().count()).isEqualTo(letters);
        assertThat(Files.readAllLines(LoadRequest.defaultErrorReport(file))).hasSize(letters + 1);
    }

    private static long lastLine(Path checkpoint) {
        try {
            return Files.exists(checkpoint) ? Checkpoint.read(checkpoint).lastLine() : 0;
        } catch (IOException e) {
            return 0; // mid-rename on some file systems; poll again
        }
    }

    private static Process loader(Path file, Path config, Path output) throws IOException {
        Path jar = Path.of("target", "ingest.jar").toAbsolutePath();
        assertThat(jar).as("the shaded jar (mvn package)").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "load", "--type", "patents",
                "--file", file.toString(), "--config", config.toString(), "--batch-size", "500", "--no-progress")
                .redirectOutput(output.toFile())
                .redirectError(output.resolveSibling(output.getFileName() + ".err").toFile())
                .start();
    }
}
