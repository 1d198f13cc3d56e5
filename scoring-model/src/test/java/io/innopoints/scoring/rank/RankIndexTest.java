package io.innopoints.scoring.rank;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RankIndexTest {

    @Test
    void shouldRankTiesEquallyWhenTotalsMatch() {
        // Given
        RankIndex index = new RankIndex();
        index.put("C", 9000);
        index.put("A", 9000);
        index.put("B", 12000);
        index.put("D", 5000);

        // Then
        assertThat(index.rank("B")).hasValue(1);
        assertThat(index.rank("A")).hasValue(2);
        assertThat(index.rank("C")).hasValue(2);
        assertThat(index.rank("D")).hasValue(4);
        assertThat(index.select(1).creditCode()).isEqualTo("A");
        assertThat(index.select(2).creditCode()).isEqualTo("C");
        assertThat(index.percentile("D")).hasValue(0.0);
        assertThat(index.percentile("A")).hasValue(25.0);
        assertThat(index.percentile("B")).hasValue(75.0);
    }

    @Test
    void shouldIncludeEveryoneTiedWithTheNthInTopN() {
        // Given
        RankIndex index = new RankIndex();
        index.put("A", 300);
        index.put("B", 200);
        index.put("C", 200);
        index.put("D", 100);

        // Then
        assertThat(index.top(2)).extracting(RankIndex.Ranked::creditCode).containsExactly("A", "B", "C");
        assertThat(index.top(2)).extracting(RankIndex.Ranked::rank).containsExactly(1, 2, 2);
        assertThat(index.top(10)).hasSize(4);
    }

    @Test
    void shouldMoveAMemberWhenItsTotalIsUpdatedAndForgetItWhenRemoved() {
        // Given
        RankIndex index = new RankIndex();
        index.put("A", 100);
        index.put("B", 200);

        // When
        index.put("A", 300);

        // Then
        assertThat(index.rank("A")).hasValue(1);
        assertThat(index.rank("B")).hasValue(2);
        assertThat(index.remove("A")).isTrue();
        assertThat(index.remove("A")).isFalse();
        assertThat(index.rank("A")).isEmpty();
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.rank("B")).hasValue(1);
    }
}
