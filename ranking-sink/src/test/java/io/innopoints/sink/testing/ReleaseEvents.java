package io.innopoints.sink.testing;

import static io.innopoints.sink.testing.Fixtures.code;

import io.innopoints.schemas.event.EnterpriseRegistration;
import io.innopoints.schemas.event.EnterpriseStatus;
import io.innopoints.schemas.event.FiscalPeriod;
import io.innopoints.schemas.event.PatentAction;
import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.event.PatentType;
import io.innopoints.schemas.event.TaxFilingEvent;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.release.Period;
import io.innopoints.scoring.release.PeriodReleases;
import io.innopoints.schemas.release.PeriodRelease;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * A small log for period releases: three ZONE-A start-ups with 2023 filings (revenue 100, 200, 300 × 10k CNY) and
 * five invention patents of enterprise 2 granted in December 2024 but recorded on 20 January 2025.
 */
public final class ReleaseEvents {
    public static final ScoringModel MODEL = ScoringModel.builtin("national-2024");
    public static final Instant AS_OF = Instant.parse("2024-12-30T16:00:00Z"); // 2024-12-31 in Shanghai
    public static final Instant EARLY_CUT_OFF = Instant.parse("2025-01-10T00:00:00Z");
    public static final Instant LATE_CUT_OFF = Instant.parse("2025-02-01T00:00:00Z");

    private ReleaseEvents() {
    }

    public static List<SpecificRecord> registrations() {
        List<SpecificRecord> out = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            out.add(EnterpriseRegistration.newBuilder().setEventId("reg-" + n)
                    .setEventTime(Instant.parse("2020-01-01T00:00:00Z")).setProvider("enterprise-registry")
                    .setCreditCode(code(n)).setName("Enterprise " + n).setZone("ZONE-A").setIndustry("I65")
                    .setFoundedDate(LocalDate.parse("2020-01-01")).setStatus(EnterpriseStatus.ACTIVE).build());
        }
        return out;
    }

    public static List<SpecificRecord> filings() {
        List<SpecificRecord> out = new ArrayList<>();
        long[] rd = {10, 10, 90};
        for (int n = 1; n <= 3; n++) {
            out.add(TaxFilingEvent.newBuilder().setEventId("tax-" + n).setEventTime(Instant.parse("2024-03-31T00:00:00Z"))
                    .setProvider("tax-bureau").setCreditCode(code(n)).setFiscalYear(2023).setPeriod(FiscalPeriod.ANNUAL)
                    .setFilingDate(LocalDate.parse("2024-03-31")).setRevenueFen(n * 100 * 1_000_000L)
                    .setRdExpenseFen(rd[n - 1] * 1_000_000L).setTaxesPaidFen(0).setNetProfitFen(0).setEmployees(0)
                    .setRdStaff(0).build());
        }
        return out;
    }

    public static List<SpecificRecord> lateGrants() {
        List<SpecificRecord> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            out.add(PatentEvent.newBuilder().setEventId("pat-" + i).setEventTime(Instant.parse("2025-01-20T02:00:00Z"))
                    .setProvider("patent-office").setCreditCode(code(2)).setPatentNumber("CN2024" + i)
                    .setPatentType(PatentType.INVENTION).setAction(PatentAction.GRANTED)
                    .setActionDate(LocalDate.parse("2024-12-20")).build());
        }
        return out;
    }

    public static List<SpecificRecord> all() {
        List<SpecificRecord> out = new ArrayList<>(registrations());
        out.addAll(filings());
        out.addAll(lateGrants());
        return out;
    }

    /** Version 1 (early cut-off) and 2 (late cut-off) of period 2024-annual over {@link #all()}. */
    public static List<PeriodRelease> twoVersions() {
        PeriodRelease v1 = PeriodReleases.compute(MODEL, new Period("2024-annual", AS_OF, EARLY_CUT_OFF), all(), null);
        PeriodRelease v2 = PeriodReleases.compute(MODEL, new Period("2024-annual", AS_OF, LATE_CUT_OFF), all(), v1);
        return List.of(v1, v2);
    }
}
