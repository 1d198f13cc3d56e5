package io.innopoints.localstack.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.topic.EventType;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SampleDataScaleTest {
    @Test
    void shouldStreamFiftyThousandEnterprisesThroughBoundedMemory() throws Exception {
        // Given 50,000 enterprises generated 2,500 at a time
        GeneratorConfig config = GeneratorConfig.defaults().withEnterprises(50_000).withBlockSize(2_500);
        Set<String> registered = new HashSet<>();
        long events = 0;
        Path spillDir;

        // When the whole log is streamed
        try (SampleData.GeneratedLog log = SampleData.generate(config)) {
            while (log.hasNext()) {
                GeneratedEvent e = log.next();
                events++;
                if (e.type() == EventType.REGISTRATIONS && e.flag() == EventFlag.ORIGINAL) {
                    registered.add(e.creditCode());
                }
            }
            // Then it was spilled in 20 blocks and never held more than a small part of the log in memory
            assertThat(log.blocks()).isEqualTo(20);
            assertThat(log.peakEventsInMemory()).isLessThan(events / 10);
            assertThat(log.calibration().enterprises()).isEqualTo(50_000);
            assertThat(log.calibration().startupShare()).isBetween(0.72, 0.74);
            spillDir = log.spillDirectory().orElseThrow();
            assertThat(spillDir).isDirectory();
        }
        // and every enterprise is registered exactly once, and the spill files are gone after close
        assertThat(registered).hasSize(50_000);
        assertThat(events).isGreaterThan(50_000L * 10);
        assertThat(spillDir).doesNotExist();
    }
}
