package io.innopoints.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RatesTest {
    @Test
    void shouldDivideTheCountByTheElapsedSeconds() {
        assertThat(Rates.perSecond(77_966, Duration.ofMillis(38_983))).isCloseTo(2_000.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(Rates.perSecond(1, Duration.ofNanos(1_000))).isEqualTo(1_000_000.0);
        assertThat(Rates.perSecond(0, Duration.ofSeconds(3))).isZero();
    }

    @Test
    void shouldRejectAnElapsedTimeThatIsNotPositive() {
        assertThatThrownBy(() -> Rates.perSecond(10, Duration.ZERO)).hasMessageContaining("elapsed");
        assertThatThrownBy(() -> Rates.perSecond(10, Duration.ofSeconds(-1))).hasMessageContaining("elapsed");
        assertThatThrownBy(() -> Rates.perSecond(-1, Duration.ofSeconds(1))).hasMessageContaining("count");
    }

    @Test
    void shouldFormatForTheReport() {
        assertThat(Rates.seconds(Duration.ofMillis(12_449))).isEqualTo("12.4 s");
        assertThat(Rates.rate(12_345.6)).isEqualTo("12,346/s");
        assertThat(Rates.mib(3L * 1024 * 1024 + 5)).isEqualTo("3 MiB");
    }
}
