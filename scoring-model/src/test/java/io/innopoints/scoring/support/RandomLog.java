package io.innopoints.scoring.support;

import io.innopoints.schemas.event.ContractAction;
import io.innopoints.schemas.event.ContractRole;
import io.innopoints.schemas.event.CredentialAction;
import io.innopoints.schemas.event.CredentialCategory;
import io.innopoints.schemas.event.CredentialLevel;
import io.innopoints.schemas.event.EnterpriseStatus;
import io.innopoints.schemas.event.PatentAction;
import io.innopoints.schemas.event.PatentType;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.topic.EventType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;

/**
 * Seeded random event logs for property tests and oracle runs: every event type, amendments (re-filed filings,
 * amended and cancelled contracts, re-granted and revoked credentials), duplicates and retractions, with dates
 * spread over 2018-2026. Not calibrated (the real generator lives in local-stack).
 */
public final class RandomLog {
    private static final LocalDate START = LocalDate.of(2018, 1, 1);
    private static final String[] QUALIFICATIONS = {"HIGH_TECH_ENTERPRISE", "TECH_SME", "SPECIALIZED_INNOVATIVE", "GAZELLE"};
    private static final String[] PENALTIES = {"DISHONESTY_BLACKLIST", "ENV_RED_LIGHT", "MAJOR_VIOLATION"};

    private final Random random;
    private int ids;

    public RandomLog(long seed) {
        this.random = new Random(seed);
    }

    private String id(String code) {
        return code.substring(10) + "-" + (++ids);
    }

    private LocalDate date() {
        return START.plusDays(random.nextInt(9 * 365));
    }

    private Instant time(LocalDate d) {
        return d.atStartOfDay().toInstant(java.time.ZoneOffset.UTC).plusSeconds(random.nextInt(86_400 * 30));
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    /** One enterprise's events (without duplicates or retractions), {@code size} roughly the number of facts. */
    public List<SpecificRecord> enterprise(String code, int size, String zone) {
        List<SpecificRecord> events = new ArrayList<>();
        LocalDate founded = START.minusYears(random.nextInt(12)).plusDays(random.nextInt(365 * 6));
        events.add(Events.registration(code).setEventId(id(code)).setFoundedDate(founded).setZone(zone)
                .setEventTime(time(founded)).setRegisteredCapitalFen(random.nextInt(20) * 1_000_000_00L)
                .setStatus(random.nextInt(20) == 0 ? EnterpriseStatus.SUSPENDED : EnterpriseStatus.ACTIVE).build());
        if (random.nextInt(8) == 0) {
            events.add(Events.registration(code).setEventId(id(code)).setFoundedDate(founded).setZone(zone)
                    .setName("Renamed " + code.substring(10)).setEventTime(time(founded.plusYears(2))).build());
        }
        double scale = Math.exp(random.nextGaussian() * 1.5) * 300;
        for (int year = 2018; year <= 2025; year++) {
            if (random.nextInt(4) == 0) {
                continue;
            }
            double revenue = scale * Math.exp(random.nextGaussian() * 0.3) * (1 + (year - 2018) * 0.1);
            int employees = 5 + random.nextInt(200);
            LocalDate filed = LocalDate.of(year + 1, 1 + random.nextInt(6), 1 + random.nextInt(28));
            int filings = random.nextInt(5) == 0 ? 2 : 1;
            for (int k = 0; k < filings; k++) {
                LocalDate filingDate = k == 0 ? filed : filed.plusDays(1 + random.nextInt(200));
                events.add(Events.annual(code, year).setEventId(id(code)).setFilingDate(filingDate)
                        .setEventTime(time(filingDate))
                        .setRevenueFen(Events.wan(revenue * (1 + k * 0.1))).setRdExpenseFen(Events.wan(revenue * random.nextDouble() * 0.3))
                        .setTaxesPaidFen(Events.wan(revenue * 0.05)).setNetProfitFen(Events.wan(revenue * (random.nextDouble() - 0.3) * 0.2))
                        .setEmployees(employees).setRdStaff(random.nextInt(employees + 1))
                        .setHighLevelTalent(random.nextBoolean() ? random.nextInt(5) : null).build());
            }
            if (random.nextInt(3) == 0) {
                events.add(Events.annual(code, year).setEventId(id(code)).setPeriod(io.innopoints.schemas.event.FiscalPeriod.Q2)
                        .setFilingDate(LocalDate.of(year, 7, 15)).setEventTime(time(LocalDate.of(year, 7, 15))).build());
            }
        }
        int patents = random.nextInt(size + 1);
        for (int p = 0; p < patents; p++) {
            String number = "CN" + code.substring(10) + p;
            PatentType type = pick(PatentType.values());
            LocalDate filed = date();
            events.add(Events.patent(code, number, type, PatentAction.FILED, filed.toString()).setEventId(id(code))
                    .setEventTime(time(filed)).build());
            if (random.nextInt(3) > 0) {
                LocalDate granted = filed.plusDays(100 + random.nextInt(700));
                events.add(Events.patent(code, number, type, PatentAction.GRANTED, granted.toString()).setEventId(id(code))
                        .setEventTime(time(granted)).build());
                if (random.nextInt(4) == 0) {
                    PatentAction end = pick(new PatentAction[] {PatentAction.REVOKED, PatentAction.EXPIRED,
                            PatentAction.TRANSFERRED_OUT});
                    LocalDate ended = granted.plusDays(1 + random.nextInt(900));
                    events.add(Events.patent(code, number, type, end, ended.toString()).setEventId(id(code))
                            .setEventTime(time(ended)).build());
                }
            }
        }
        int contracts = random.nextInt(size / 2 + 1);
        for (int c = 0; c < contracts; c++) {
            String contractId = "TC" + code.substring(10) + c;
            LocalDate registered = date();
            ContractRole role = random.nextInt(4) == 0 ? ContractRole.BUYER : ContractRole.SELLER;
            events.add(Events.contract(code, contractId, ContractAction.REGISTERED, Events.wan(random.nextInt(300)),
                    registered.toString()).setRole(role).setEventId(id(code)).setEventTime(time(registered)).build());
            if (random.nextInt(4) == 0) {
                ContractAction next = random.nextBoolean() ? ContractAction.AMENDED : ContractAction.CANCELLED;
                events.add(Events.contract(code, contractId, next, Events.wan(random.nextInt(300)),
                        (random.nextBoolean() ? registered : registered.plusDays(random.nextInt(60))).toString())
                        .setRole(role).setEventId(id(code)).setEventTime(time(registered.plusDays(90))).build());
            }
        }
        int credentials = random.nextInt(size / 2 + 1);
        for (int c = 0; c < credentials; c++) {
            CredentialCategory category = pick(CredentialCategory.values());
            String kind = switch (category) {
                case QUALIFICATION -> pick(QUALIFICATIONS);
                case PENALTY -> pick(PENALTIES);
                case FINANCING -> "EQUITY_ROUND";
                default -> category.name() + "_" + random.nextInt(3);
            };
            String credentialId = "CR" + code.substring(10) + c;
            LocalDate from = date();
            var grant = Events.credential(code, credentialId, category, kind, pick(CredentialLevel.values()), from.toString())
                    .setEventId(id(code)).setEventTime(time(from))
                    .setValidUntil(random.nextBoolean() ? from.plusDays(200 + random.nextInt(1500)) : null)
                    .setGrade(category == CredentialCategory.STANDARD ? (random.nextBoolean() ? "LEAD" : "PARTICIPANT")
                            : category == CredentialCategory.AWARD ? pick(new String[] {"FIRST", "SECOND", "THIRD"}) : null)
                    .setAmountFen(random.nextBoolean() ? Events.wan(random.nextInt(2000)) : null);
            events.add(grant.build());
            int r = random.nextInt(6);
            if (r == 0) {
                LocalDate revoked = from.plusDays(random.nextInt(800) - 100);
                events.add(Events.credential(code, credentialId, category, kind, CredentialLevel.NONE, revoked.toString())
                        .setAction(CredentialAction.REVOKED).setEventId(id(code))
                        .setEventTime(time(from).plusSeconds(86_400L * (1 + random.nextInt(900)))).build());
            } else if (r == 1) {
                LocalDate renewed = from.plusDays(300 + random.nextInt(500));
                events.add(grant.setEventId(id(code)).setValidFrom(renewed).setValidUntil(renewed.plusYears(3))
                        .setEventTime(time(renewed)).build());
            }
        }
        return events;
    }

    /**
     * The events with noise: duplicates of some events and retractions of others (a retraction's target is a
     * real event; some retractions are duplicated too).
     */
    public List<SpecificRecord> withNoise(List<SpecificRecord> events) {
        List<SpecificRecord> out = new ArrayList<>(events);
        for (SpecificRecord e : events) {
            int r = random.nextInt(10);
            if (r == 0) {
                out.add(e);
            } else if (r == 1) {
                SpecificRecord retraction = Events.retraction(e);
                out.add(retraction);
                if (random.nextBoolean()) {
                    out.add(retraction);
                }
            }
        }
        return out;
    }

    public Random random() {
        return random;
    }

    /** Writes events as {@code <dir>/<type>.jsonl} in the given order. */
    public static void writeJsonl(Path dir, List<SpecificRecord> events) throws IOException {
        Map<EventType, StringBuilder> files = new LinkedHashMap<>();
        for (SpecificRecord e : events) {
            EventType type = EventType.byRecordClass(e.getClass()).orElseThrow();
            files.computeIfAbsent(type, t -> new StringBuilder()).append(AvroJson.writeLine(e)).append('\n');
        }
        for (Map.Entry<EventType, StringBuilder> f : files.entrySet()) {
            Files.writeString(dir.resolve(f.getKey().id() + ".jsonl"), f.getValue(), StandardCharsets.UTF_8);
        }
    }
}
