package io.innopoints.localstack.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.innopoints.localstack.junit.TestRecords;
import io.innopoints.schemas.event.PatentAction;
import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.event.PatentType;
import io.innopoints.schemas.registry.RestSchemaRegistryClient;
import io.innopoints.schemas.serde.AvroSerdes;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable fat jar ({@code java -jar local-stack-platform.jar}), as a user runs it: it starts, prints where to
 * connect, creates the catalog topics, stops cleanly on SIGINT, and a second run on the same data directory finds
 * its topics, records and schemas again.
 */
class LocalStackMainIT {
    private static final Path JAR = Path.of("..", "platform", "target", "local-stack-platform.jar");
    private static final PatentEvent PATENT = PatentEvent.newBuilder()
            .setEventId("e-main")
            .setEventTime(Instant.ofEpochMilli(1_700_000_000_777L))
            .setProvider("patent-office")
            .setCreditCode("91350100MA2XYW123F")
            .setPatentNumber("CN-main")
            .setPatentType(PatentType.UTILITY_MODEL)
            .setAction(PatentAction.GRANTED)
            .setActionDate(LocalDate.of(2023, 12, 31))
            .build();

    private Process process;

    @AfterEach
    void killLeftover() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Test
    @Timeout(240)
    void shouldServeUntilSigintAndComeBackWithItsDataOnTheSameDirectory(@TempDir Path work) throws Exception {
        assertThat(JAR).as("local-stack/platform's shaded jar is built in its package phase (build with -am)").exists();
        Path dataDir = work.resolve("data");
        int kafkaPort = freePort();
        int registryPort = freePort();
        String topic = TopicCatalog.defaults().name(Topic.PATENT_EVENTS);

        // Given: a first run
        Path firstLog = work.resolve("first.log");
        start(dataDir, kafkaPort, registryPort, firstLog);
        String output = awaitReady(firstLog);
        assertThat(output).contains("Kafka bootstrap servers: localhost:" + kafkaPort)
                .contains("Schema registry URL:     http://127.0.0.1:" + registryPort)
                .contains("Kafka Server started");
        String bootstrap = "localhost:" + kafkaPort;
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> topics = admin.listTopics().names().get();
            assertThat(topics).containsAll(TopicCatalog.defaults().all().values());
        }
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient("http://127.0.0.1:" + registryPort);
        try (Serde<String> keys = AvroSerdes.stringKey(registry);
                Serde<PatentEvent> values = AvroSerdes.value(PatentEvent.class, registry)) {
            TestRecords.produce(bootstrap, keys.serializer(), values.serializer(),
                    List.of(new ProducerRecord<>(topic, PATENT.getCreditCode(), PATENT)));
        }

        // When: Ctrl-C, then a second run on the same directory
        int exit = interruptAndWait();
        assertThat(exit).as("exit status after SIGINT (128 + 2)").isEqualTo(130);
        assertThat(Files.readString(firstLog)).contains("Stopping the local stack");

        Path secondLog = work.resolve("second.log");
        start(dataDir, kafkaPort, registryPort, secondLog);
        assertThat(awaitReady(secondLog)).contains("Reusing formatted Kafka data directory")
                .contains("Topics created: none (all existed)");

        // Then: the record is still there and still decodes through the (restarted) registry
        RestSchemaRegistryClient restarted = new RestSchemaRegistryClient("http://127.0.0.1:" + registryPort);
        try (Serde<String> keys = AvroSerdes.stringKey(restarted);
                Serde<PatentEvent> values = AvroSerdes.value(PatentEvent.class, restarted)) {
            List<ConsumerRecord<String, PatentEvent>> read = TestRecords.consumeUntil(bootstrap, topic,
                    keys.deserializer(), values.deserializer(), r -> !r.isEmpty(), Duration.ofSeconds(60));
            assertThat(read).extracting(ConsumerRecord::value).containsExactly(PATENT);
        }
        assertThat(interruptAndWait()).isEqualTo(130);
    }

    private void start(Path dataDir, int kafkaPort, int registryPort, Path log) throws IOException {
        // env --default-signal: a background parent may have set SIGINT to ignored, which the JVM would inherit
        process = new ProcessBuilder("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-jar", JAR.toString(), "--data-dir", dataDir.toString(),
                "--bootstrap-port", Integer.toString(kafkaPort), "--registry-port", Integer.toString(registryPort),
                "--partitions", "1")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private String awaitReady(Path log) {
        await("local stack ready").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> read(log).contains("Data directory:") || !process.isAlive());
        String output = read(log);
        assertThat(process.isAlive()).as("still running; output:%n%s", output).isTrue();
        return output;
    }

    private int interruptAndWait() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s of SIGINT").isTrue();
        return process.exitValue();
    }

    private static String read(Path log) {
        try (InputStream in = Files.newInputStream(log)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("localhost", 0));
            return socket.getLocalPort();
        }
    }
}
