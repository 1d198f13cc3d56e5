package io.innopoints.schemas.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.innopoints.schemas.CreditCode;
import io.innopoints.schemas.event.CredentialEvent;
import io.innopoints.schemas.event.EnterpriseRegistration;
import io.innopoints.schemas.event.FiscalPeriod;
import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.event.TaxFilingEvent;
import io.innopoints.schemas.event.TechContractEvent;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.topic.EventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;

/**
 * The semantic rules of the five input event types, applied after {@link AvroJson} has checked the structure
 * (or after a record arrived as Avro on Kafka): from one event to either the same event or every {@link Problem}
 * found, each naming the field and the reason.
 *
 * <p>Rules common to all events: {@code eventId} 1-128 characters and not blank; {@code eventTime} not before
 * 1970 and not later than now plus the future-time tolerance; {@code provider} an id of the form
 * {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}; {@code creditCode} a valid GB 32100 code; {@code retractsEventId},
 * when set, 1-128 characters and not the event's own id. Dates are between 1900-01-01 and 2100-12-31, and dates of
 * things that already happened (founding, filing, registration, patent actions) are not after today (in China's
 * time zone, plus the tolerance). Per type: the patterns and ranges documented in the {@code .avsc} files
 * (zone, industry, credential kind and grade codes; amounts 0 to {@link #MAX_AMOUNT_FEN} fen, {@code netProfitFen} within ±{@link #MAX_AMOUNT_FEN};
 * head counts 0 to {@link #MAX_PERSONS}; R&D staff and
 * high-level talent at most employees; equity share 0-100; fiscal year 1949-2100 and not in the future; filing date
 * after the fiscal period starts; {@code validUntil} after {@code validFrom}).
 *
 * <p>The clock is injected so the "not in the future" rules are testable; thread-safe and immutable.
 */
public final class EventValidator {
    /** Dates in the contract are Chinese legal dates; "today" is today in China. */
    public static final ZoneId LEGAL_DATE_ZONE = ZoneId.of("Asia/Shanghai");
    /** Default allowance for clock skew between providers and us. */
    public static final Duration DEFAULT_FUTURE_TOLERANCE = Duration.ofMinutes(5);
    public static final int MAX_ID_LENGTH = 128;
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_TEXT_LENGTH = 1000;
    /**
     * Largest amount in fen (10 trillion CNY, beyond any enterprise's yearly figures); also the bound of
     * {@code |netProfitFen|}. 9,223 such amounts still sum inside a {@code long}; sums saturate beyond that.
     */
    public static final long MAX_AMOUNT_FEN = 1_000_000_000_000_000L;
    /** Largest head count (employees, R&D staff, high-level talent). */
    public static final int MAX_PERSONS = 10_000_000;
    private static final LocalDate MIN_DATE = LocalDate.of(1900, 1, 1);
    private static final LocalDate MAX_DATE = LocalDate.of(2100, 12, 31);
    private static final Pattern PROVIDER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern ZONE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{0,31}");
    private static final Pattern INDUSTRY = Pattern.compile("[A-T][0-9]{0,4}");
    private static final Pattern KIND = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern GRADE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

    private final Clock clock;
    private final Duration futureTolerance;

    /**
     * @param clock           source of "now" for the future-time rules
     * @param futureTolerance how far in the future an event time (or an occurrence date) may lie, for clock skew
     */
    public EventValidator(Clock clock, Duration futureTolerance) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.futureTolerance = Objects.requireNonNull(futureTolerance, "futureTolerance");
        if (futureTolerance.isNegative()) {
            throw new IllegalArgumentException("futureTolerance must not be negative");
        }
    }

    /** Structure (via {@link AvroJson}) and then semantics of one JSON object of the given event type. */
    public Validated<SpecificRecord> read(EventType type, JsonNode json) {
        Validated<? extends SpecificRecord> structural = AvroJson.read(json, type.recordClass());
        if (!structural.isOk()) {
            return Validated.invalid(structural.problems());
        }
        return validate(structural.value());
    }

    /** Parses JSON text, then {@link #read(EventType, JsonNode)}. */
    public Validated<SpecificRecord> read(EventType type, String json) {
        return AvroJson.parse(json).flatMap(node -> read(type, node));
    }

    /** The event itself when every rule holds, else every problem. */
    public <T extends SpecificRecord> Validated<T> validate(T event) {
        List<Problem> problems = problems(event);
        return problems.isEmpty() ? Validated.ok(event) : Validated.invalid(problems);
    }

    /** Every rule the event breaks; empty when it is valid. */
    public List<Problem> problems(SpecificRecord event) {
        Objects.requireNonNull(event, "event");
        Rules r = new Rules();
        if (event instanceof EnterpriseRegistration e) {
            common(r, e.getEventId(), e.getEventTime(), e.getProvider(), e.getCreditCode(), e.getRetractsEventId());
            r.text("name", e.getName(), MAX_NAME_LENGTH);
            r.pattern("zone", e.getZone(), ZONE, "a zone code like ZONE-A");
            r.pattern("industry", e.getIndustry(), INDUSTRY, "a GB/T 4754 code: section letter A-T and up to 4 digits, e.g. I65");
            r.pastDate("foundedDate", e.getFoundedDate());
            r.required("status", e.getStatus());
            r.amount("registeredCapitalFen", e.getRegisteredCapitalFen());
        } else if (event instanceof PatentEvent e) {
            common(r, e.getEventId(), e.getEventTime(), e.getProvider(), e.getCreditCode(), e.getRetractsEventId());
            r.text("patentNumber", e.getPatentNumber(), 64);
            r.required("patentType", e.getPatentType());
            r.required("action", e.getAction());
            r.pastDate("actionDate", e.getActionDate());
            r.optionalText("title", e.getTitle(), MAX_TEXT_LENGTH);
        } else if (event instanceof TechContractEvent e) {
            common(r, e.getEventId(), e.getEventTime(), e.getProvider(), e.getCreditCode(), e.getRetractsEventId());
            r.text("contractId", e.getContractId(), MAX_ID_LENGTH);
            r.required("action", e.getAction());
            r.required("role", e.getRole());
            r.required("contractType", e.getContractType());
            r.amount("amountFen", e.getAmountFen());
            r.pastDate("registrationDate", e.getRegistrationDate());
            r.optionalText("counterpartyName", e.getCounterpartyName(), MAX_NAME_LENGTH);
        } else if (event instanceof TaxFilingEvent e) {
            common(r, e.getEventId(), e.getEventTime(), e.getProvider(), e.getCreditCode(), e.getRetractsEventId());
            taxFiling(r, e);
        } else if (event instanceof CredentialEvent e) {
            common(r, e.getEventId(), e.getEventTime(), e.getProvider(), e.getCreditCode(), e.getRetractsEventId());
            credential(r, e);
        } else {
            r.add("$", "not an input event type: " + event.getSchema().getFullName());
        }
        return r.problems;
    }

    private void common(Rules r, String eventId, Instant eventTime, String provider, String creditCode,
                        String retractsEventId) {
        r.text("eventId", eventId, MAX_ID_LENGTH);
        if (eventTime == null) {
            r.add("eventTime", "is required");
        } else if (eventTime.isBefore(Instant.EPOCH)) {
            r.add("eventTime", "must not be before 1970-01-01T00:00:00Z, got " + eventTime);
        } else {
            Instant latest = clock.instant().plus(futureTolerance);
            if (eventTime.isAfter(latest)) {
                r.add("eventTime", "is in the future: " + eventTime + " is after now plus the tolerance of "
                        + futureTolerance + " (" + latest + ")");
            }
        }
        r.pattern("provider", provider, PROVIDER, "a provider id of letters, digits, '.', '_' or '-' (1-64 chars)");
        if (creditCode == null) {
            r.add("creditCode", "is required");
        } else {
            CreditCode.problem(creditCode).ifPresent(why -> r.add("creditCode", why));
        }
        if (retractsEventId != null) {
            r.text("retractsEventId", retractsEventId, MAX_ID_LENGTH);
            if (retractsEventId.equals(eventId)) {
                r.add("retractsEventId", "an event cannot retract itself");
            }
        }
    }

    private void taxFiling(Rules r, TaxFilingEvent e) {
        int year = e.getFiscalYear();
        boolean yearOk = true;
        if (year < 1949 || year > 2100) {
            r.add("fiscalYear", "must be between 1949 and 2100, got " + year);
            yearOk = false;
        } else if (year > today().getYear()) {
            r.add("fiscalYear", "is in the future: " + year);
            yearOk = false;
        }
        FiscalPeriod period = e.getPeriod();
        r.required("period", period);
        LocalDate filed = e.getFilingDate();
        r.pastDate("filingDate", filed);
        if (yearOk && period != null) {
            LocalDate start = periodStart(year, period);
            if (start.isAfter(today())) {
                r.add("period", "fiscal period " + year + " " + period + " has not started yet (starts " + start + ")");
            } else if (filed != null && !filed.isAfter(start)) {
                r.add("filingDate", "must be after the fiscal period starts (" + year + " " + period + " starts "
                        + start + "), got " + filed);
            }
        }
        r.amount("revenueFen", e.getRevenueFen());
        r.amount("rdExpenseFen", e.getRdExpenseFen());
        r.amount("taxesPaidFen", e.getTaxesPaidFen());
        r.range("netProfitFen", e.getNetProfitFen(), -MAX_AMOUNT_FEN, MAX_AMOUNT_FEN);
        int employees = e.getEmployees();
        r.persons("employees", employees);
        if (r.persons("rdStaff", e.getRdStaff()) && employees >= 0 && e.getRdStaff() > employees) {
            r.add("rdStaff", "must be at most employees (" + employees + "), got " + e.getRdStaff());
        }
        Integer talent = e.getHighLevelTalent();
        if (talent != null && r.persons("highLevelTalent", talent) && employees >= 0 && talent > employees) {
            r.add("highLevelTalent", "must be at most employees (" + employees + "), got " + talent);
        }
    }

    private void credential(Rules r, CredentialEvent e) {
        r.text("credentialId", e.getCredentialId(), MAX_ID_LENGTH);
        r.required("category", e.getCategory());
        r.pattern("kind", e.getKind(), KIND, "an upper-case code like HIGH_TECH_ENTERPRISE ([A-Z][A-Z0-9_]{0,63})");
        r.required("level", e.getLevel());
        r.required("action", e.getAction());
        LocalDate from = e.getValidFrom();
        LocalDate until = e.getValidUntil();
        r.date("validFrom", from);
        if (until != null && r.date("validUntil", until) && from != null && !until.isAfter(from)) {
            r.add("validUntil", "must be after validFrom (" + from + "), got " + until);
        }
        if (e.getGrade() != null) {
            r.pattern("grade", e.getGrade(), GRADE, "an upper-case code like FIRST or LEAD ([A-Z][A-Z0-9_]{0,31})");
        }
        r.amount("amountFen", e.getAmountFen());
        Double share = e.getEquitySharePercent();
        if (share != null && (!Double.isFinite(share) || share < 0 || share > 100)) {
            r.add("equitySharePercent", "must be between 0 and 100, got " + share);
        }
    }

    /** First day of a fiscal period (fiscal years are calendar years in China). */
    public static LocalDate periodStart(int fiscalYear, FiscalPeriod period) {
        return switch (period) {
            case ANNUAL, Q1 -> LocalDate.of(fiscalYear, 1, 1);
            case Q2 -> LocalDate.of(fiscalYear, 4, 1);
            case Q3 -> LocalDate.of(fiscalYear, 7, 1);
            case Q4 -> LocalDate.of(fiscalYear, 10, 1);
        };
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant().plus(futureTolerance), LEGAL_DATE_ZONE);
    }

    /** Collects problems; each check returns whether the value passed, so dependent checks can be skipped. */
    private final class Rules {
        final List<Problem> problems = new ArrayList<>();

        void add(String field, String reason) {
            problems.add(new Problem(field, reason));
        }

        boolean required(String field, Object value) {
            if (value == null) {
                add(field, "is required");
                return false;
            }
            return true;
        }

        boolean text(String field, String value, int maxLength) {
            if (!required(field, value)) {
                return false;
            }
            if (value.isBlank()) {
                add(field, "must not be blank");
                return false;
            }
            int length = value.codePointCount(0, value.length());
            if (length > maxLength) {
                add(field, "must be at most " + maxLength + " characters, got " + length);
                return false;
            }
            return true;
        }

        void optionalText(String field, String value, int maxLength) {
            if (value != null) {
                text(field, value, maxLength);
            }
        }

        void pattern(String field, String value, Pattern pattern, String expected) {
            if (required(field, value) && !pattern.matcher(value).matches()) {
                add(field, "must be " + expected + ", got \"" + abbreviate(value) + "\"");
            }
        }

        /** Null means "absent" for optional amounts; required ones are guaranteed present by the schema. */
        boolean amount(String field, Long value) {
            if (value != null && value < 0) {
                add(field, "must not be negative, got " + value);
                return false;
            }
            return range(field, value, 0, MAX_AMOUNT_FEN);
        }

        boolean persons(String field, Integer value) {
            if (value != null && value < 0) {
                add(field, "must not be negative, got " + value);
                return false;
            }
            return range(field, value == null ? null : (long) value, 0, MAX_PERSONS);
        }

        boolean range(String field, Long value, long min, long max) {
            if (value != null && (value < min || value > max)) {
                add(field, "must be between " + min + " and " + max + ", got " + value);
                return false;
            }
            return true;
        }

        boolean date(String field, LocalDate value) {
            if (!required(field, value)) {
                return false;
            }
            if (value.isBefore(MIN_DATE) || value.isAfter(MAX_DATE)) {
                add(field, "must be between " + MIN_DATE + " and " + MAX_DATE + ", got " + value);
                return false;
            }
            return true;
        }

        void pastDate(String field, LocalDate value) {
            if (date(field, value) && value.isAfter(today())) {
                add(field, "is in the future: " + value + " is after today (" + today() + ")");
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
