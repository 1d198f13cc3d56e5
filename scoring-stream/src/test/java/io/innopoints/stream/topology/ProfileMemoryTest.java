package io.innopoints.stream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProfileMemoryTest {
    private final ProfileMemory memory = ProfileMemory.builder("profile-memory").build();

    @Test
    void shouldKnowNothingIsOwedOnlyAfterASweepThatFoundNothingWhileNothingWasDeferred() {
        // Given a task's memory: a fresh one may owe (a restart sweeps what its unscored store holds)
        assertThat(memory.mayOwe()).isTrue();

        // When a sweep finds nothing and nothing is deferred while it runs
        long mark = memory.sweepStarts();
        memory.sweptAll(mark, false);

        // Then nothing is owed
        assertThat(memory.mayOwe()).isFalse();

        // When an evaluation is deferred
        memory.deferred();

        // Then something may be owed again
        assertThat(memory.mayOwe()).isTrue();
    }

    @Test
    void shouldStillOweWhatWasDeferredWhileASweepThatFoundNothingRan() {
        // Given a sweep that starts
        long mark = memory.sweepStarts();

        // When an evaluation is deferred behind its cursor and the sweep ends having found nothing
        memory.deferred();
        memory.sweptAll(mark, false);

        // Then that deferral is still owed: the next sweep looks again
        assertThat(memory.mayOwe()).isTrue();
    }

    @Test
    void shouldStillOweWhatASweepFound() {
        long mark = memory.sweepStarts();
        memory.sweptAll(mark, true);
        assertThat(memory.mayOwe()).isTrue();
    }

    @Test
    void shouldForgetItsCopiesAndOweAgainWhenTheTaskIsReinitialised() {
        // Given a memory that knows nothing is owed and keeps a decoded copy
        memory.sweptAll(memory.sweepStarts(), false);
        memory.recent().put("91110000000000000X", new ProfileFactStore.Decoded());

        // When the store is closed (the task is revoked or restored)
        memory.close();

        // Then it keeps nothing and may owe again
        assertThat(memory.recent()).isEmpty();
        assertThat(memory.mayOwe()).isTrue();
    }
}
