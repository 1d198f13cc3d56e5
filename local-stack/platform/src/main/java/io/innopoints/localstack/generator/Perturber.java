package io.innopoints.localstack.generator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.schemas.CreditCode;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.topic.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Adds a log's imperfections to one enterprise's true events: re-sends (same eventId), erroneous events that a
 * later retraction removes, and malformed variants (fresh eventId, corrected version also present) — so none of
 * them changes the enterprise's true state when a consumer handles them correctly.
 */
final class Perturber {
    private final GeneratorConfig config;
    private final SplittableRandom r;
    private final int index;
    private final Instant endInstant;

    Perturber(GeneratorConfig config, SplittableRandom r, int index, Instant endInstant) {
        this.config = config;
        this.r = r;
        this.index = index;
        this.endInstant = endInstant;
    }

    /** Provider lag from event time to arrival: mostly hours, log-normal, and 1% of events weeks late. */
    static Duration lag(SplittableRandom r) {
        if (r.nextDouble() < 0.01) {
            return Duration.ofDays(10 + r.nextInt(50)).plusSeconds(r.nextInt(86_400));
        }
        double hours = Math.min(EnterpriseSimulator.lognormal(r, 2.0, 1.5), 30 * 24.0);
        return Duration.ofSeconds(60 + Math.round(hours * 3_600));
    }

    List<GeneratedEvent> perturb(List<GeneratedEvent> truth) {
        List<GeneratedEvent> out = new ArrayList<>(truth.size() + truth.size() / 16 + 4);
        for (GeneratedEvent e : truth) {
            out.add(e);
            if (r.nextDouble() < config.duplicateFraction()) {
                out.add(new GeneratedEvent(e.type(), e.eventId(), e.creditCode(),
                        e.arrival().plusSeconds(60 + r.nextInt(3 * 86_400)), 0, EventFlag.DUPLICATE, e.record(), null));
            }
            if (r.nextDouble() < config.retractionFraction()) {
                retracted(e, out);
            }
            if (r.nextDouble() < config.malformedFraction()) {
                out.add(malformed(e));
            }
        }
        List<GeneratedEvent> ordered = new ArrayList<>(out.size());
        for (int i = 0; i < out.size(); i++) {
            GeneratedEvent e = out.get(i);
            ordered.add(new GeneratedEvent(e.type(), e.eventId(), e.creditCode(), e.arrival(), ((long) index << 24) | i,
                    e.flag(), e.record(), e.malformation()));
        }
        return ordered;
    }

    /** An erroneous variant of {@code e} sent shortly after it, and its retraction some days later. */
    private void retracted(GeneratedEvent e, List<GeneratedEvent> out) {
        SpecificRecord wrong = copy(e.record());
        put(wrong, "eventId", e.eventId() + "-x");
        Instant wrongTime = before(EnterpriseSimulator.eventTime(e.record()).plusSeconds(3_600 + r.nextInt(47 * 3_600)));
        put(wrong, "eventTime", wrongTime);
        switch (e.type()) {
            case REGISTRATIONS -> put(wrong, "industry", "M75".equals(get(wrong, "industry")) ? "I65" : "M75");
            case PATENTS -> put(wrong, "patentNumber", get(wrong, "patentNumber") + "0");
            case TECH_CONTRACTS -> put(wrong, "amountFen", (Long) get(wrong, "amountFen") * 10);
            case TAX_FILINGS -> put(wrong, "revenueFen", (Long) get(wrong, "revenueFen") * 10);
            case CREDENTIALS -> put(wrong, "credentialId", get(wrong, "credentialId") + "-DUP");
        }
        out.add(new GeneratedEvent(e.type(), e.eventId() + "-x", e.creditCode(), wrongTime.plus(lag(r)), 0, EventFlag.ERRONEOUS,
                wrong, null));
        SpecificRecord retraction = copy(wrong);
        put(retraction, "eventId", e.eventId() + "-r");
        put(retraction, "retractsEventId", e.eventId() + "-x");
        Instant retractedAt = before(wrongTime.plusSeconds(86_400L + r.nextInt(29 * 86_400)));
        put(retraction, "eventTime", retractedAt.isAfter(wrongTime) ? retractedAt : wrongTime.plusMillis(1));
        out.add(new GeneratedEvent(e.type(), e.eventId() + "-r", e.creditCode(),
                EnterpriseSimulator.eventTime(retraction).plus(lag(r)), 0, EventFlag.RETRACTION, retraction, null));
    }

    /** Keeps a derived event time inside the log's end. */
    private Instant before(Instant t) {
        return t.isBefore(endInstant) ? t : endInstant.minusMillis(1 + r.nextInt(3_600_000));
    }

    /** A broken copy of {@code e} with a fresh eventId, sent (arrives) a little before the good one. */
    GeneratedEvent malformed(GeneratedEvent e) {
        ObjectNode body = AvroJson.write(e.record());
        String eventId = e.eventId() + "-m";
        body.put("eventId", eventId);
        List<MalformedKind> kinds = new ArrayList<>(List.of(MalformedKind.BAD_CHECK_CHARACTER, MalformedKind.LOWERCASE_CREDIT_CODE,
                MalformedKind.UNKNOWN_ENUM, MalformedKind.MISSING_REQUIRED_FIELD, MalformedKind.FUTURE_EVENT_TIME,
                MalformedKind.TRUNCATED_RECORD, MalformedKind.WRONG_TYPE));
        String amountField = amountField(e.type(), body);
        if (amountField != null) {
            kinds.add(MalformedKind.NEGATIVE_AMOUNT);
        }
        if (e.type() == EventType.TAX_FILINGS) {
            kinds.add(MalformedKind.RD_STAFF_EXCEEDS_EMPLOYEES);
        }
        MalformedKind kind = kinds.get(r.nextInt(kinds.size()));
        String code = e.creditCode();
        String reason = switch (kind) {
            case BAD_CHECK_CHARACTER -> {
                char good = code.charAt(17);
                char bad = CreditCode.ALPHABET.charAt((CreditCode.ALPHABET.indexOf(good) + 1 + r.nextInt(30)) % 31);
                String broken = code.substring(0, 17) + bad;
                body.put("creditCode", broken);
                yield "creditCode: " + CreditCode.problem(broken).orElseThrow();
            }
            case LOWERCASE_CREDIT_CODE -> {
                String broken = code.toLowerCase();
                body.put("creditCode", broken);
                yield "creditCode: " + CreditCode.problem(broken).orElseThrow();
            }
            case NEGATIVE_AMOUNT -> {
                long amount = -Math.max(1, Math.abs(body.get(amountField).asLong()));
                body.put(amountField, amount);
                yield amountField + ": must be non-negative, got " + amount;
            }
            case UNKNOWN_ENUM -> {
                String field = switch (e.type()) {
                    case REGISTRATIONS -> "status";
                    case PATENTS -> r.nextBoolean() ? "patentType" : "action";
                    case TECH_CONTRACTS -> r.nextBoolean() ? "role" : "contractType";
                    case TAX_FILINGS -> "period";
                    case CREDENTIALS -> r.nextBoolean() ? "level" : "category";
                };
                String symbol = new String[] {"UNKNOWN", "OTHER", "H1", "COUNTY", "PENDING"}[r.nextInt(5)];
                body.put(field, symbol);
                yield field + ": unknown symbol " + symbol;
            }
            case MISSING_REQUIRED_FIELD -> {
                List<String> required = new ArrayList<>();
                for (Schema.Field f : e.record().getSchema().getFields()) {
                    if (!f.hasDefaultValue() && !f.name().equals("eventId") && !f.name().equals("creditCode")) {
                        required.add(f.name());
                    }
                }
                String field = required.get(r.nextInt(required.size()));
                body.remove(field);
                yield field + ": required field is missing";
            }
            case RD_STAFF_EXCEEDS_EMPLOYEES -> {
                int employees = body.get("employees").asInt();
                int rdStaff = employees + 1 + r.nextInt(20);
                body.put("rdStaff", rdStaff);
                yield "rdStaff: " + rdStaff + " exceeds employees " + employees;
            }
            case FUTURE_EVENT_TIME -> {
                Instant future = endInstant.plus(Duration.ofDays(3_650 + r.nextInt(3_650)));
                body.put("eventTime", future.toString());
                yield "eventTime: " + future + " is in the future";
            }
            case TRUNCATED_RECORD -> "record is cut off mid-way (JSON text or CSV row ends at 60% of its length)";
            case WRONG_TYPE -> {
                String field = switch (e.type()) {
                    case REGISTRATIONS -> "foundedDate";
                    case PATENTS -> "actionDate";
                    case TECH_CONTRACTS -> "amountFen";
                    case TAX_FILINGS -> r.nextBoolean() ? "employees" : "fiscalYear";
                    case CREDENTIALS -> "validFrom";
                };
                String garbage = new String[] {"twelve", "n/a", "2024/13/45", "1,000,000 CNY", "yesterday"}[r.nextInt(5)];
                body.put(field, garbage);
                yield field + ": wrong type, got \"" + garbage + "\"";
            }
        };
        Instant arrival = e.arrival().minusSeconds(60 + r.nextInt(86_400));
        return new GeneratedEvent(e.type(), eventId, code, arrival, 0, EventFlag.MALFORMED, null,
                new GeneratedEvent.Malformation(kind, reason, body));
    }

    private static String amountField(EventType type, ObjectNode body) {
        String field = switch (type) {
            case REGISTRATIONS -> "registeredCapitalFen";
            case TECH_CONTRACTS -> "amountFen";
            case TAX_FILINGS -> "revenueFen";
            case CREDENTIALS -> "amountFen";
            case PATENTS -> null;
        };
        return field != null && body.hasNonNull(field) ? field : null;
    }

    private static SpecificRecord copy(SpecificRecord record) {
        // the class's own model knows its logical-type conversions (Instant, LocalDate)
        return SpecificData.getForClass(record.getClass()).deepCopy(record.getSchema(), record);
    }

    private static Object get(SpecificRecord record, String field) {
        return record.get(record.getSchema().getField(field).pos());
    }

    private static void put(SpecificRecord record, String field, Object value) {
        record.put(record.getSchema().getField(field).pos(), value);
    }
}
