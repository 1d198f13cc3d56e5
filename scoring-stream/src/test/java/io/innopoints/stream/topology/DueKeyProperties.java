package io.innopoints.stream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.NumericChars;

/** The due store's keys are zero-padded epoch millis ‖ credit code: string order must be time order. */
class DueKeyProperties {

    @Property
    void isTheZeroPaddedFormat(@ForAll @LongRange(min = -5, max = Long.MAX_VALUE) long atMs,
                               @ForAll @AlphaChars @NumericChars String code) {
        assertThat(ProfileProcessor.dueKey(atMs, code)).isEqualTo(String.format("%016d|%s", atMs, code));
    }

    @Property
    void ordersByTimeFirst(@ForAll @LongRange(min = 0, max = 9_999_999_999_999_999L) long a,
                           @ForAll @LongRange(min = 0, max = 9_999_999_999_999_999L) long b,
                           @ForAll @AlphaChars String codeA, @ForAll @AlphaChars String codeB) {
        if (a != b) {
            assertThat(Long.signum(ProfileProcessor.dueKey(a, codeA).compareTo(ProfileProcessor.dueKey(b, codeB))))
                    .isEqualTo(Long.signum(Long.compare(a, b)));
        }
    }
}
