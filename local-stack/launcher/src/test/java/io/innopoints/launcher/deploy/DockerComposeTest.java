package io.innopoints.launcher.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.topic.Topic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The root docker-compose.yml: valid for Compose ({@code docker-compose config -q}, Debian's 1.29, no daemon needed;
 * skipped when not installed unless CI=true), every depended-on condition can be met, and the topic-init script
 * creates exactly the topic catalog with the right cleanup policies.
 */
class DockerComposeTest {
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Path COMPOSE = ROOT.resolve("docker-compose.yml");

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE, StandardCharsets.UTF_8));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void shouldBeAcceptedByDockerComposeInBothBrokerLayouts() throws Exception {
        Path compose = Path.of("/usr/bin/docker-compose");
        if (!Files.isExecutable(compose)) {
            String message = "docker-compose not installed (apt-get install -y docker-compose)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("CI=true requires docker-compose to validate docker-compose.yml: " + message);
            }
            Assumptions.abort(message);
        }
        assertThat(run(List.of(compose.toString(), "config", "-q"))).isEmpty();
        assertThat(run(List.of(compose.toString(), "--env-file", "deploy/single-broker.env", "config", "-q"))).isEmpty();
    }

    private static String run(List<String> command) throws Exception {
        Path output = Files.createTempFile("compose", ".txt");
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("docker-compose finished").isTrue();
        String text = Files.readString(output);
        assertThat(process.exitValue()).as("exit code of %s: %s", command, text).isZero();
        return text.lines().filter(l -> !l.isBlank()).collect(Collectors.joining("\n"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldOnlyWaitForServicesThatExistAndCanReportTheAwaitedCondition() throws IOException {
        Map<String, Map<String, Object>> services = services();
        List<String> problems = new ArrayList<>();
        services.forEach((name, service) -> {
            Object dependsOn = service.get("depends_on");
            if (dependsOn == null) {
                return;
            }
            ((Map<String, Map<String, String>>) dependsOn).forEach((target, condition) -> {
                Map<String, Object> other = services.get(target);
                if (other == null) {
                    problems.add(name + " depends on unknown service " + target);
                } else if ("service_healthy".equals(condition.get("condition")) && !other.containsKey("healthcheck")) {
                    problems.add(name + " waits for " + target + " to be healthy, which has no healthcheck");
                } else if (other.containsKey("profiles") && !service.containsKey("profiles")) {
                    problems.add(name + " (always on) depends on " + target + " (only in a profile)");
                }
            });
        });
        assertThat(problems).isEmpty();
        assertThat(services).containsKeys("kafka-1", "kafka-2", "kafka-3", "schema-registry", "postgres", "topic-init",
                "ingest", "scoring-stream-1", "scoring-stream-2", "ranking-sink", "prometheus", "grafana");
        assertThat(((Map<String, Object>) services.get("scoring-stream-1").get("environment")).get("APPLICATION_ID"))
                .isEqualTo(((Map<String, Object>) services.get("scoring-stream-2").get("environment")).get("APPLICATION_ID"));
    }

    @Test
    void shouldCreateEveryCatalogTopicWithItsCleanupPolicy() throws IOException {
        String script = Files.readString(ROOT.resolve("deploy/create-topics.sh"));
        Set<String> deleted = topicsOfLoop(script, "delete");
        Set<String> compacted = topicsOfLoop(script, "compact");
        assertThat(compacted).isEqualTo(Arrays.stream(Topic.values()).filter(Topic::compacted).map(Topic::defaultName)
                .collect(Collectors.toCollection(TreeSet::new)));
        assertThat(deleted).isEqualTo(Arrays.stream(Topic.values()).filter(t -> !t.compacted()).map(Topic::defaultName)
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    /** The names of the script's {@code for t in …; do create "$t" <policy>} loop. */
    private static Set<String> topicsOfLoop(String script, String policy) {
        Matcher m = Pattern.compile("for t in ([^;]+);\\s*do\\s+create \"\\$t\" " + policy).matcher(script);
        assertThat(m.find()).as("a loop creating %s topics", policy).isTrue();
        return Arrays.stream(m.group(1).replace("\\", " ").split("\\s+")).filter(s -> !s.isBlank())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
