package io.innopoints.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.event.PatentAction;
import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.event.PatentType;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class AvroCsvProperties {

    private static PatentEvent patent(int i, String title, String number) {
        return PatentEvent.newBuilder().setEventId("p" + i).setEventTime(Instant.ofEpochMilli(1_700_000_000_000L + i))
                .setProvider("po").setCreditCode("91110108MA01234568").setPatentNumber(number).setPatentType(PatentType.PCT)
                .setAction(PatentAction.FILED).setActionDate(LocalDate.of(2024, 1, 1).plusDays(i)).setTitle(title).build();
    }

    @Property(tries = 300)
    void shouldReadBackAnyNonEmptyTextWhateverQuotesCommasAndLineBreaksItHolds(
            @ForAll @Size(min = 1, max = 8) List<@StringLength(min = 1, max = 40)
                    @Chars({',', '"', '\n', '\r', ' ', '\t', '创', ';'}) @CharRange(from = 'a', to = 'e') String> titles) throws IOException {
        // Given records whose text fields hold CSV's special characters
        List<PatentEvent> written = new ArrayList<>();
        StringWriter out = new StringWriter();
        try (AvroCsv.RowWriter<PatentEvent> writer = AvroCsv.writer(out, PatentEvent.class)) {
            for (int i = 0; i < titles.size(); i++) {
                PatentEvent p = patent(i, titles.get(i), titles.get(titles.size() - 1 - i));
                written.add(p);
                writer.write(p);
            }
        }

        // When read back
        List<PatentEvent> read = new ArrayList<>();
        try (AvroCsv.RowReader<PatentEvent> reader = AvroCsv.reader(new StringReader(out.toString()), PatentEvent.class).value()) {
            reader.forEachRemaining(row -> read.add(row.record().value()));
        }

        // Then every record is unchanged
        assertThat(read).isEqualTo(written);
    }
}
