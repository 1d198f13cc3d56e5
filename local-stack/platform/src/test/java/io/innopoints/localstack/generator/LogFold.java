package io.innopoints.localstack.generator;

import io.innopoints.schemas.event.EnterpriseRegistration;
import io.innopoints.schemas.event.FiscalPeriod;
import io.innopoints.schemas.event.TaxFilingEvent;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * A minimal, independent reading of a generated log for tests: keeps valid records, drops duplicates by eventId and
 * retracted events, and derives per enterprise the founding date and the latest annual filing (supersession by
 * filingDate, then eventTime, then eventId) — what the stage rule and R&amp;D intensity read.
 */
final class LogFold {
    record Facts(LocalDate founded, TaxFilingEvent latestAnnual) {
    }

    private final Map<String, SpecificRecord> byEventId = new HashMap<>();
    private final Set<String> retracted = new HashSet<>();

    void accept(SpecificRecord record) {
        String id = (String) record.get(record.getSchema().getField("eventId").pos());
        if (byEventId.putIfAbsent(id, record) != null) {
            return;
        }
        Object target = record.get(record.getSchema().getField("retractsEventId").pos());
        if (target != null) {
            retracted.add((String) target);
        }
    }

    Map<String, Facts> facts(LocalDate end) {
        Map<String, EnterpriseRegistration> registration = new HashMap<>();
        Map<String, TaxFilingEvent> annual = new HashMap<>();
        Comparator<TaxFilingEvent> supersession = Comparator.comparing(TaxFilingEvent::getFiscalYear)
                .thenComparing(TaxFilingEvent::getFilingDate).thenComparing(TaxFilingEvent::getEventTime)
                .thenComparing(TaxFilingEvent::getEventId);
        for (SpecificRecord r : byEventId.values()) {
            String id = (String) r.get(r.getSchema().getField("eventId").pos());
            if (retracted.contains(id) || r.get(r.getSchema().getField("retractsEventId").pos()) != null) {
                continue;
            }
            if (r instanceof EnterpriseRegistration reg) {
                registration.merge(reg.getCreditCode(), reg, (a, b) ->
                        Comparator.comparing(EnterpriseRegistration::getEventTime).thenComparing(EnterpriseRegistration::getEventId)
                                .compare(a, b) >= 0 ? a : b);
            } else if (r instanceof TaxFilingEvent tax && tax.getPeriod() == FiscalPeriod.ANNUAL && !tax.getFilingDate().isAfter(end)) {
                annual.merge(tax.getCreditCode(), tax, (a, b) -> supersession.compare(a, b) >= 0 ? a : b);
            }
        }
        Map<String, Facts> facts = new HashMap<>();
        registration.forEach((code, reg) -> facts.put(code, new Facts(reg.getFoundedDate(), annual.get(code))));
        return facts;
    }

    static LogFold of(List<SpecificRecord> records) {
        LogFold fold = new LogFold();
        records.forEach(fold::accept);
        return fold;
    }
}
