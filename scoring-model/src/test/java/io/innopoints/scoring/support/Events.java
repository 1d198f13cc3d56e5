package io.innopoints.scoring.support;

import io.innopoints.schemas.CreditCode;
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
import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.scoring.metric.Dates;
import io.innopoints.scoring.profile.Profiles;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;

/**
 * Test event builder: Avro builders pre-filled with plausible defaults, so a test sets only the fields its
 * behaviour depends on. Money arguments are in fen unless a method says yuan or 10k CNY.
 */
public final class Events {
    /** A valid credit code (check character computed). */
    public static final String CODE = code(1);
    private static final AtomicLong IDS = new AtomicLong();

    private Events() {
    }

    /** The n-th valid test credit code. */
    public static String code(int n) {
        String digits = String.format("%08d", n);
        return CreditCode.complete("91310000" + digits + "1");
    }

    public static String nextId() {
        return "ev-" + IDS.incrementAndGet();
    }

    public static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    /** The start of an ISO day in Shanghai. */
    public static Instant day(String iso) {
        return Dates.startOf(LocalDate.parse(iso));
    }

    public static Instant time(String iso) {
        return Instant.parse(iso);
    }

    /** Fen for an amount in 10k CNY. */
    public static long wan(double tenThousandCny) {
        return Math.round(tenThousandCny * 1_000_000);
    }

    public static EnterpriseRegistration.Builder registration(String code) {
        return EnterpriseRegistration.newBuilder().setEventId(nextId()).setEventTime(time("2020-01-01T00:00:00Z"))
                .setProvider("enterprise-registry").setCreditCode(code).setName("Enterprise " + code.substring(8, 16))
                .setZone("ZONE-A").setIndustry("I65").setFoundedDate(date("2020-01-01"))
                .setStatus(EnterpriseStatus.ACTIVE);
    }

    public static PatentEvent.Builder patent(String code, String number, PatentType type, PatentAction action, String date) {
        return PatentEvent.newBuilder().setEventId(nextId()).setEventTime(time("2020-01-01T00:00:00Z"))
                .setProvider("patent-office").setCreditCode(code).setPatentNumber(number).setPatentType(type)
                .setAction(action).setActionDate(date(date));
    }

    public static TechContractEvent.Builder contract(String code, String contractId, ContractAction action,
                                                     long amountFen, String registered) {
        return TechContractEvent.newBuilder().setEventId(nextId()).setEventTime(time("2020-01-01T00:00:00Z"))
                .setProvider("tech-contract-registry").setCreditCode(code).setContractId(contractId).setAction(action)
                .setRole(ContractRole.SELLER).setContractType(ContractType.DEVELOPMENT).setAmountFen(amountFen)
                .setRegistrationDate(date(registered));
    }

    /** An ANNUAL filing for {@code year} filed on 31 March of the next year, zero amounts. */
    public static TaxFilingEvent.Builder annual(String code, int year) {
        return TaxFilingEvent.newBuilder().setEventId(nextId()).setEventTime(time((year + 1) + "-03-31T00:00:00Z"))
                .setProvider("tax-bureau").setCreditCode(code).setFiscalYear(year).setPeriod(FiscalPeriod.ANNUAL)
                .setFilingDate(LocalDate.of(year + 1, 3, 31)).setRevenueFen(0).setRdExpenseFen(0).setTaxesPaidFen(0)
                .setNetProfitFen(0).setEmployees(0).setRdStaff(0);
    }

    public static CredentialEvent.Builder credential(String code, String credentialId, CredentialCategory category,
                                                     String kind, CredentialLevel level, String validFrom) {
        return CredentialEvent.newBuilder().setEventId(nextId()).setEventTime(time("2020-01-01T00:00:00Z"))
                .setProvider("qualification-registry").setCreditCode(code).setCredentialId(credentialId)
                .setCategory(category).setKind(kind).setLevel(level).setAction(CredentialAction.GRANTED)
                .setValidFrom(date(validFrom));
    }

    /** A retraction of {@code target} (same type as {@code target}, fields copied). */
    public static SpecificRecord retraction(SpecificRecord target) {
        if (target instanceof PatentEvent p) {
            return PatentEvent.newBuilder(p).setEventId(nextId()).setRetractsEventId(p.getEventId()).build();
        } else if (target instanceof TaxFilingEvent t) {
            return TaxFilingEvent.newBuilder(t).setEventId(nextId()).setRetractsEventId(t.getEventId()).build();
        } else if (target instanceof TechContractEvent c) {
            return TechContractEvent.newBuilder(c).setEventId(nextId()).setRetractsEventId(c.getEventId()).build();
        } else if (target instanceof CredentialEvent c) {
            return CredentialEvent.newBuilder(c).setEventId(nextId()).setRetractsEventId(c.getEventId()).build();
        } else if (target instanceof EnterpriseRegistration r) {
            return EnterpriseRegistration.newBuilder(r).setEventId(nextId()).setRetractsEventId(r.getEventId()).build();
        }
        throw new IllegalArgumentException(String.valueOf(target));
    }

    /** A profile with {@code events} folded in order. */
    public static EnterpriseProfile profile(String code, SpecificRecord... events) {
        return Profiles.foldAll(Profiles.empty(code), List.of(events));
    }
}
