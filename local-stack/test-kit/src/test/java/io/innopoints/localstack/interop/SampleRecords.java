package io.innopoints.localstack.interop;

import io.innopoints.schemas.CreditCode;
import io.innopoints.schemas.dlq.DeadLetter;
import io.innopoints.schemas.dlq.FieldError;
import io.innopoints.schemas.dlq.RejectSource;
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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Records of several types exercising every Avro feature our schemas use: strings with non-ASCII text, enums,
 * optional fields both null and set, int/long/double, dates, millisecond timestamps, bytes, arrays of records.
 */
final class SampleRecords {
    static final String ENTERPRISE = CreditCode.complete("91350100MA2XYW123");
    static final String OTHER_ENTERPRISE = CreditCode.complete("91110108MA01ABC3X");

    private SampleRecords() {
    }

    static PatentEvent patent(int n, String title) {
        return PatentEvent.newBuilder()
                .setEventId("patent-" + n)
                .setEventTime(Instant.ofEpochMilli(1_714_550_400_123L + n))
                .setProvider("patent-office")
                .setCreditCode(ENTERPRISE)
                .setRetractsEventId(n % 2 == 0 ? null : "patent-" + (n - 1))
                .setPatentNumber("CN20231012345" + n + ".7")
                .setPatentType(n % 2 == 0 ? PatentType.INVENTION : PatentType.PCT)
                .setAction(PatentAction.GRANTED)
                .setActionDate(LocalDate.of(2024, 3, 1 + n))
                .setTitle(title)
                .build();
    }

    static EnterpriseRegistration registration() {
        return EnterpriseRegistration.newBuilder()
                .setEventId("reg-1")
                .setEventTime(Instant.ofEpochMilli(1_700_000_000_999L))
                .setProvider("enterprise-registry")
                .setCreditCode(OTHER_ENTERPRISE)
                .setName("北京智创科技有限公司")
                .setZone("海淀区")
                .setIndustry("I65")
                .setFoundedDate(LocalDate.of(2015, 12, 31))
                .setStatus(EnterpriseStatus.ACTIVE)
                .setRegisteredCapitalFen(1_000_000_000_00L)
                .build();
    }

    static TaxFilingEvent taxFiling() {
        return TaxFilingEvent.newBuilder()
                .setEventId("tax-2023")
                .setEventTime(Instant.ofEpochMilli(1_711_929_600_000L))
                .setProvider("tax-bureau")
                .setCreditCode(ENTERPRISE)
                .setFiscalYear(2023)
                .setPeriod(FiscalPeriod.ANNUAL)
                .setFilingDate(LocalDate.of(2024, 4, 1))
                .setRevenueFen(987_654_321_00L)
                .setRdExpenseFen(12_345_678_90L)
                .setTaxesPaidFen(4_567_890_12L)
                .setNetProfitFen(-1_234_56L)
                .setEmployees(312)
                .setRdStaff(87)
                .setHighLevelTalent(null)
                .build();
    }

    static CredentialEvent credential() {
        return CredentialEvent.newBuilder()
                .setEventId("cred-7")
                .setEventTime(Instant.ofEpochMilli(1_720_000_000_001L))
                .setProvider("qualification-registry")
                .setCreditCode(ENTERPRISE)
                .setCredentialId("GR202411000123")
                .setCategory(CredentialCategory.FINANCING)
                .setKind("series-a")
                .setLevel(CredentialLevel.NONE)
                .setAction(CredentialAction.GRANTED)
                .setValidFrom(LocalDate.of(2024, 7, 3))
                .setValidUntil(null)
                .setGrade("A+")
                .setAmountFen(50_000_000_00L)
                .setEquitySharePercent(12.345678901234)
                .build();
    }

    static DeadLetter deadLetter() {
        return DeadLetter.newBuilder()
                .setApp("ingest")
                .setSource(RejectSource.KAFKA)
                .setEventType("patents")
                .setSourceTopic("patent-events")
                .setSourcePartition(2)
                .setSourceOffset(1_234_567_890_123L)
                .setSourceTimestamp(Instant.ofEpochMilli(1_714_550_400_000L))
                .setOriginalKey(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 1, (byte) 0xff, 0x7f}))
                .setOriginalValue(ByteBuffer.wrap("{\"eventId\": \"坏\"}".getBytes(StandardCharsets.UTF_8)))
                .setErrorClass("VALIDATION")
                .setReason("2 problems")
                .setErrors(List.of(new FieldError("creditCode", "check character mismatch"),
                        new FieldError("entries[3].amountFen", "must not be negative")))
                .setRejectedAt(Instant.ofEpochMilli(1_714_550_401_000L))
                .build();
    }
}
