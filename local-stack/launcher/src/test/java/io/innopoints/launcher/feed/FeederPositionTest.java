package io.innopoints.launcher.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.localstack.generator.GeneratorConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeederPositionTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadBackTheWrittenPositionOfTheSameSample() {
        // Given a position written for the seed-zone sample
        GeneratorConfig sample = GeneratorConfig.defaults();
        new FeederPosition(dir.resolve("feeder.position"), sample).write(1234);
        // When it is read again for the same sample
        long read = new FeederPosition(dir.resolve("feeder.position"), sample).read();
        // Then the feeder resumes there
        assertThat(read).isEqualTo(1234);
    }

    @Test
    void shouldStartFromTheBeginningWhenThePositionBelongsToAnotherSample() {
        // Given a position written for a 2,807-enterprise sample
        new FeederPosition(dir.resolve("feeder.position"), GeneratorConfig.defaults()).write(1234);
        // When the run now feeds a smaller sample
        long read = new FeederPosition(dir.resolve("feeder.position"), GeneratorConfig.defaults().withEnterprises(50))
                .read();
        // Then nothing counts as sent
        assertThat(read).isZero();
    }

    @Test
    void shouldStartFromTheBeginningWhenThereIsNoPosition() {
        assertThat(new FeederPosition(dir.resolve("absent"), GeneratorConfig.defaults()).read()).isZero();
    }
}
