package io.innopoints.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.event.ContractAction;
import io.innopoints.schemas.event.ContractRole;
import io.innopoints.schemas.event.ContractType;
import io.innopoints.schemas.event.CredentialAction;
import io.innopoints.schemas.event.CredentialCategory;
import io.innopoints.schemas.event.CredentialEvent;
import io.innopoints.schemas.event.CredentialLevel;
import io.innopoints.schemas.event.EnterpriseRegistration;
import io.innopoints.schemas.event.EnterpriseStatus;
import io.innopoints.schemas.event.FiscalPeriod;
import io.innopoints.schemas.event.PatentAction;
import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.event.PatentType;
import io.innopoints.schemas.event.TaxFilingEvent;
import io.innopoints.schemas.event.TechContractEvent;
import io.innopoints.schemas.validation.Problem;
import io.innopoints.schemas.validation.Validated;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroCsvTest {
    private static final String CODE = "91110108MA01234568";
    private static final Instant AT = Instant.parse("2025-03-01T08:15:30.123Z");

    static EnterpriseRegistration registration(String name) {
        return EnterpriseRegistration.newBuilder().setEventId("reg-1").setEventTime(AT).setProvider("enterprise-registry")
                .setCreditCode(CODE).setName(name).setZone("ZONE-A").setIndustry("I65")
                .setFoundedDate(LocalDate.of(2021, 2, 3)).setStatus(EnterpriseStatus.ACTIVE).setRegisteredCapitalFen(100_000_000L)
                .build();
    }

    static Stream<SpecificRecord> everyEventType() {
        return Stream.of(
                registration("Acme \"Nova\" Tech, Ltd.\nBeijing branch"),
                registration("北京星河智能科技有限公司"),
                PatentEvent.newBuilder().setEventId("pat-1").setEventTime(AT).setProvider("patent-office").setCreditCode(CODE)
                        .setPatentNumber("CN202310123456.7").setPatentType(PatentType.INVENTION).setAction(PatentAction.GRANTED)
                        .setActionDate(LocalDate.of(2024, 12, 31)).setTitle(null).build(),
                TechContractEvent.newBuilder().setEventId("tc-1").setEventTime(AT).setProvider("tech-contract-registry")
                        .setCreditCode(CODE).setRetractsEventId("tc-0").setContractId("TC-9").setAction(ContractAction.AMENDED)
                        .setRole(ContractRole.SELLER).setContractType(ContractType.DEVELOPMENT).setAmountFen(123_456_789L)
                        .setRegistrationDate(LocalDate.of(2024, 5, 6)).setCounterpartyName("Buyer, \"Quoted\" Co.").build(),
                TaxFilingEvent.newBuilder().setEventId("tax-1").setEventTime(AT).setProvider("tax-bureau").setCreditCode(CODE)
                        .setFiscalYear(2024).setPeriod(FiscalPeriod.ANNUAL).setFilingDate(LocalDate.of(2025, 3, 1))
                        .setRevenueFen(Long.MAX_VALUE).setRdExpenseFen(0L).setTaxesPaidFen(5L).setNetProfitFen(-42L)
                        .setEmployees(10).setRdStaff(3).setHighLevelTalent(null).build(),
                CredentialEvent.newBuilder().setEventId("cred-1").setEventTime(AT).setProvider("qualification-registry")
                        .setCreditCode(CODE).setCredentialId("GR202411000123").setCategory(CredentialCategory.FINANCING)
                        .setKind("EQUITY_ROUND").setLevel(CredentialLevel.NONE).setAction(CredentialAction.GRANTED)
                        .setValidFrom(LocalDate.of(2024, 1, 1)).setValidUntil(LocalDate.of(2027, 1, 1)).setGrade(null)
                        .setAmountFen(5_000_000_00L).setEquitySharePercent(12.5).build());
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> List<AvroCsv.Row<T>> readAll(String csv, Class<T> type) throws IOException {
        Validated<AvroCsv.RowReader<T>> opened = AvroCsv.reader(new StringReader(csv), type);
        assertThat(opened.isOk()).as(opened.summary()).isTrue();
        List<AvroCsv.Row<T>> rows = new ArrayList<>();
        try (AvroCsv.RowReader<T> reader = opened.value()) {
            reader.forEachRemaining(rows::add);
        }
        return rows;
    }

    private static String header(Class<? extends SpecificRecord> type) {
        return String.join(",", AvroCsv.header(type)) + "\n";
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    @SuppressWarnings("unchecked")
    void shouldReadBackEveryEventTypeItWrote(SpecificRecord record) throws IOException {
        // Given a record written with the header
        Class<SpecificRecord> type = (Class<SpecificRecord>) record.getClass();
        StringWriter out = new StringWriter();
        try (AvroCsv.RowWriter<SpecificRecord> writer = AvroCsv.writer(out, type)) {
            writer.write(record);
            writer.write(record);
        }

        // When it is read back
        List<AvroCsv.Row<SpecificRecord>> rows = readAll(out.toString(), type);

        // Then both rows equal the original and carry the line they start on
        assertThat(rows).hasSize(2);
        assertThat(rows).allSatisfy(row -> assertThat(row.record().value()).isEqualTo(record));
        long linesPerRow = out.toString().lines().count() / 2;
        assertThat(rows.get(0).line()).isEqualTo(2);
        assertThat(rows.get(1).line()).isEqualTo(2 + linesPerRow);
    }

    @Test
    void shouldQuoteCommasQuotesAndLineBreaksPerRfc4180() {
        assertThat(AvroCsv.formatRow(List.of("a,b", "say \"hi\"", "x\ny", "plain")))
                .isEqualTo("\"a,b\",\"say \"\"hi\"\"\",\"x\ny\",plain\n");
        assertThat(AvroCsv.formatRow(java.util.Arrays.asList(null, "", "z"))).isEqualTo(",,z\n");
    }

    @Test
    void shouldAcceptColumnsInAnyOrderAndCrLfLineEndings() throws IOException {
        // Given a header in a different order and Windows line endings
        String csv = "creditCode,eventId,eventTime,provider,patentNumber,patentType,action,actionDate,title,retractsEventId\r\n"
                + CODE + ",pat-9,1740816930123,patent-office,CN1,DESIGN,FILED,2024-01-02,\"Lamp, folding\",\r\n";

        // When
        List<AvroCsv.Row<PatentEvent>> rows = readAll(csv, PatentEvent.class);

        // Then epoch millis and quoted commas are read, the empty retractsEventId is null
        PatentEvent event = rows.get(0).record().value();
        assertThat(event.getEventTime()).isEqualTo(Instant.ofEpochMilli(1740816930123L));
        assertThat(event.getTitle()).isEqualTo("Lamp, folding");
        assertThat(event.getRetractsEventId()).isNull();
        assertThat(event.getPatentType()).isEqualTo(PatentType.DESIGN);
    }

    @Test
    void shouldTakeTheDefaultWhenAnOptionalColumnIsAbsent() throws IOException {
        String csv = "eventId,eventTime,provider,creditCode,patentNumber,patentType,action,actionDate\n"
                + "p,2024-01-01T00:00:00Z,po," + CODE + ",CN1,PCT,GRANTED,2024-01-02\n";

        PatentEvent event = readAll(csv, PatentEvent.class).get(0).record().value();

        assertThat(event.getTitle()).isNull();
        assertThat(event.getRetractsEventId()).isNull();
    }

    @Test
    void shouldNameUnknownDuplicateAndMissingColumnsInTheHeader() {
        String csv = "eventId,eventTime,provider,creditCode,patentNumber,colour,action,actionDate,eventId\n";

        Validated<AvroCsv.RowReader<PatentEvent>> opened = AvroCsv.reader(new StringReader(csv), PatentEvent.class);

        assertThat(opened.isOk()).isFalse();
        assertThat(opened.problems()).extracting(Problem::field).containsExactlyInAnyOrder("colour", "eventId", "patentType");
        assertThat(opened.problems()).extracting(Problem::reason)
                .anySatisfy(r -> assertThat(r).contains("unknown column"))
                .anySatisfy(r -> assertThat(r).contains("duplicate column"))
                .anySatisfy(r -> assertThat(r).contains("required column is missing"));
    }

    @Test
    void shouldIgnoreAByteOrderMarkBeforeTheHeader() throws IOException {
        String csv = "\uFEFF" + header(PatentEvent.class) + "p1,2025-01-01T00:00:00Z,po," + CODE + ",,CN1,INVENTION,FILED,2024-01-01,\n";

        List<AvroCsv.Row<PatentEvent>> rows = readAll(csv, PatentEvent.class);

        assertThat(rows.get(0).record().value().getEventId()).isEqualTo("p1");
    }

    @Test
    void shouldRejectAnEmptyFile() {
        Validated<AvroCsv.RowReader<PatentEvent>> opened = AvroCsv.reader(new StringReader(""), PatentEvent.class);

        assertThat(opened.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("header"));
    }

    @Test
    void shouldNameTheColumnAndReasonOfEveryBadCellInARow() throws IOException {
        // Given one row with an empty required cell, a bad enum, a bad date, a non-number and a fractional int
        String csv = header(TaxFilingEvent.class)
                + ",2025-01-01T00:00:00Z,tb," + CODE + ",,2024,ANNUALLY,2025-02-30,abc,1,1,1,1.5,1,\n";

        // When
        AvroCsv.Row<TaxFilingEvent> row = readAll(csv, TaxFilingEvent.class).get(0);

        // Then each problem names its column
        assertThat(row.line()).isEqualTo(2);
        assertThat(row.record().problems()).extracting(Problem::field)
                .containsExactlyInAnyOrder("eventId", "period", "filingDate", "revenueFen", "employees");
        assertThat(row.record().summary())
                .contains("eventId: is required")
                .contains("period: must be one of [ANNUAL, Q1, Q2, Q3, Q4], got \"ANNUALLY\"")
                .contains("filingDate: expected a date YYYY-MM-DD")
                .contains("revenueFen: expected a whole number, got \"abc\"")
                .contains("employees: expected a whole number, got 1.5");
    }

    @Test
    void shouldNameTheMissingCellsOfAShortRowAndCountTheCellsOfALongRow() throws IOException {
        String csv = header(PatentEvent.class)
                + "p1,2025-01-01T00:00:00Z,po," + CODE + ",,CN1,INVENTION\n"
                + "p2,2025-01-01T00:00:00Z,po," + CODE + ",,CN1,INVENTION,FILED,2024-01-01,t,extra\n"
                + "p3,2025-01-01T00:00:00Z,po," + CODE + ",,CN1,INVENTION,FILED,2024-01-01,\n";

        List<AvroCsv.Row<PatentEvent>> rows = readAll(csv, PatentEvent.class);

        assertThat(rows).extracting(AvroCsv.Row::line).containsExactly(2L, 3L, 4L);
        assertThat(rows.get(0).record().problems()).extracting(Problem::field).containsExactly("action", "actionDate", "title");
        assertThat(rows.get(1).record().summary()).contains("row has 11 cells but the header has 10 columns");
        assertThat(rows.get(2).record().isOk()).isTrue();
    }

    @Test
    void shouldEndWithAnInvalidRowNamingTheLineOfAnUnterminatedQuote() throws IOException {
        String csv = header(PatentEvent.class)
                + "p1,2025-01-01T00:00:00Z,po," + CODE + ",,CN1,INVENTION,FILED,2024-01-01,ok\n"
                + "p2,2025-01-01T00:00:00Z,po," + CODE + ",,CN1,INVENTION,FILED,2024-01-01,\"never closed\n"
                + "p3,2025-01-01T00:00:00Z,po," + CODE + ",,CN1,INVENTION,FILED,2024-01-01,t\n";

        List<AvroCsv.Row<PatentEvent>> rows = readAll(csv, PatentEvent.class);

        assertThat(rows.get(0).record().isOk()).isTrue();
        assertThat(rows.get(rows.size() - 1).record().isOk()).isFalse();
        assertThat(rows.get(rows.size() - 1).record().summary()).startsWith("$: malformed CSV at line");
    }

    @Test
    void shouldSkipBlankLinesAndKeepCountingPhysicalLines() throws IOException {
        String csv = header(PatentEvent.class) + "\n"
                + "p1,2025-01-01T00:00:00Z,po," + CODE + ",,CN1,INVENTION,FILED,2024-01-01,\"two\nlines\"\n"
                + "p2,2025-01-01T00:00:00Z,po," + CODE + ",,CN1,INVENTION,FILED,2024-01-01,\n";

        List<AvroCsv.Row<PatentEvent>> rows = readAll(csv, PatentEvent.class);

        assertThat(rows).extracting(AvroCsv.Row::line).containsExactly(3L, 5L);
        assertThat(rows.get(0).record().value().getTitle()).isEqualTo("two\nlines");
    }

    @Test
    void shouldYieldRowsBeforeTheInputEnds() throws IOException {
        // Given an endless input: only a streaming reader can return its first rows
        String head = header(PatentEvent.class);
        String row = "p,2025-01-01T00:00:00Z,po," + CODE + ",,CN1,INVENTION,FILED,2024-01-01,t\n";
        Reader endless = new Reader() {
            private long position;

            @Override
            public int read(char[] buf, int off, int len) {
                for (int i = 0; i < len; i++, position++) {
                    buf[off + i] = position < head.length() ? head.charAt((int) position)
                            : row.charAt((int) ((position - head.length()) % row.length()));
                }
                return len;
            }

            @Override
            public void close() {
            }
        };

        // When the first thousand rows are taken
        try (AvroCsv.RowReader<PatentEvent> reader = AvroCsv.reader(endless, PatentEvent.class).value()) {
            long ok = 0;
            for (int i = 0; i < 1000 && reader.hasNext(); i++) {
                AvroCsv.Row<PatentEvent> r = reader.next();
                ok += r.record().isOk() ? 1 : 0;
                // Then they arrive one by one with increasing line numbers
                assertThat(r.line()).isEqualTo(i + 2L);
            }
            assertThat(ok).isEqualTo(1000);
        }
    }
}
