package io.innopoints.stream.support;

import io.innopoints.schemas.CreditCode;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;

/** Valid input events with plausible defaults; a test sets only what its behaviour depends on. */
public final class Events {
    private static final AtomicLong IDS = new AtomicLong();

    private Events() {
    }

    /** The n-th valid test credit code. */
    public static String code(int n) {
        return CreditCode.complete("91310000" + String.format("%08d", n) + "1");
    }

    public static String nextId() {
        return "ev-" + IDS.incrementAndGet();
    }

    /** Fen for an amount in 10k CNY. */
    public static long wan(double tenThousandCny) {
        return Math.round(tenThousandCny * 1_000_000);
    }

    public static EnterpriseRegistration.Builder registration(String code, String zone) {
        return EnterpriseRegistration.newBuilder().setEventId(nextId()).setEventTime(Instant.parse("2020-01-01T00:00:00Z"))
                .setProvider("enterprise-registry").setCreditCode(code).setName("Enterprise " + code.substring(8, 16))
                .setZone(zone).setIndustry("I65").setFoundedDate(LocalDate.parse("2019-01-01"))
                .setStatus(EnterpriseStatus.ACTIVE);
    }

    /** An ANNUAL filing for {@code year} filed on 31 March of the next year. */
    public static TaxFilingEvent.Builder annual(String code, int year, double revenueWan, double rdWan) {
        return TaxFilingEvent.newBuilder().setEventId(nextId()).setEventTime(Instant.parse((year + 1) + "-03-31T00:00:00Z"))
                .setProvider("tax-bureau").setCreditCode(code).setFiscalYear(year).setPeriod(FiscalPeriod.ANNUAL)
                .setFilingDate(LocalDate.of(year + 1, 3, 31)).setRevenueFen(wan(revenueWan))
                .setRdExpenseFen(wan(rdWan)).setTaxesPaidFen(0).setNetProfitFen(0).setEmployees(20).setRdStaff(5);
    }

    public static PatentEvent.Builder patent(String code, String number, String date) {
        return PatentEvent.newBuilder().setEventId(nextId()).setEventTime(Instant.parse("2024-01-01T00:00:00Z"))
                .setProvider("patent-office").setCreditCode(code).setPatentNumber(number)
                .setPatentType(PatentType.INVENTION).setAction(PatentAction.GRANTED).setActionDate(LocalDate.parse(date));
    }

    public static CredentialEvent.Builder qualification(String code, String id, String validFrom, String validUntil) {
        return CredentialEvent.newBuilder().setEventId(nextId()).setEventTime(Instant.parse("2024-01-01T00:00:00Z"))
                .setProvider("qualification-registry").setCreditCode(code).setCredentialId(id)
                .setCategory(CredentialCategory.QUALIFICATION).setKind("HIGH_TECH_ENTERPRISE")
                .setLevel(CredentialLevel.NATIONAL).setAction(CredentialAction.GRANTED)
                .setValidFrom(LocalDate.parse(validFrom)).setValidUntil(validUntil == null ? null : LocalDate.parse(validUntil));
    }

    /** A retraction of {@code target}. */
    public static SpecificRecord retraction(TaxFilingEvent target) {
        return TaxFilingEvent.newBuilder(target).setEventId(nextId()).setRetractsEventId(target.getEventId()).build();
    }
}
