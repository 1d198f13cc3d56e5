package io.innopoints.stream.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RestoresTest {
    private final TopicPartition p0 = new TopicPartition("app-member-store-changelog", 0);
    private final TopicPartition p1 = new TopicPartition("app-member-store-changelog", 1);

    @Test
    void shouldCountStartedActiveAndRestoredRecordsAcrossStoresAndSuspensions() {
        Restores restores = new Restores();
        assertThat(restores.progress()).isEqualTo(new Restores.Progress(0, 0, 0));

        restores.onRestoreStart(p0, "member-store", 0, 100);
        restores.onRestoreStart(p1, "member-store", 0, 50);
        restores.onBatchRestored(p0, "member-store", 60, 60);
        assertThat(restores.progress()).isEqualTo(new Restores.Progress(2, 2, 60));

        restores.onBatchRestored(p0, "member-store", 100, 40);
        restores.onRestoreEnd(p0, "member-store", 100);
        restores.onRestoreSuspended(p1, "member-store", 0);
        assertThat(restores.progress()).isEqualTo(new Restores.Progress(2, 0, 100));
    }
}
