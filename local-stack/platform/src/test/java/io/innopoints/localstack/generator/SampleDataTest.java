package io.innopoints.localstack.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.innopoints.schemas.CreditCode;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.topic.EventType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SampleDataTest {
    private static final long STARTUP_LIMIT_FEN = 20_000_000L * 100;

    private static List<GeneratedEvent> all(GeneratorConfig config) {
        try (Stream<GeneratedEvent> events = SampleData.stream(config)) {
            return events.toList();
        }
    }

    /** The event as text: its record as a JSON line, or its broken body. */
    private static String text(GeneratedEvent e) {
        return e.flag() + " " + e.arrival() + " " + (e.malformed() ? e.malformation().body().toString() : AvroJson.writeLine(e.record()));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {42, 7, 2026})
    void shouldHitTheSeedZonesStartupShareAndRdIntensitiesWhenTheLogIsFolded(long seed) {
        // Given the seed zone's defaults
        GeneratorConfig config = GeneratorConfig.defaults().withSeed(seed);
        LogFold fold = new LogFold();
        Calibration calibration;

        // When every valid record is folded independently of the generator's own bookkeeping
        try (SampleData.GeneratedLog log = SampleData.generate(config)) {
            calibration = log.calibration();
            log.forEachRemaining(e -> {
                if (!e.malformed()) {
                    fold.accept(e.record());
                }
            });
        }
        Map<String, LogFold.Facts> facts = fold.facts(config.endDate());

        // Then every enterprise is registered, 73% are start-ups by the stage rule, and R&D intensities match the seed
        assertThat(facts).hasSize(config.enterprises());
        LocalDate youngAfter = config.endDate().minusYears(5);
        long startups = facts.values().stream().filter(f -> f.founded().isAfter(youngAfter)
                && (f.latestAnnual() == null || f.latestAnnual().getRevenueFen() < STARTUP_LIMIT_FEN)).count();
        double share = (double) startups / facts.size();
        assertThat(share).isCloseTo(0.73, within(0.03));
        assertThat(aggregateIntensity(facts.values())).isCloseTo(0.037, within(0.005));
        assertThat(aggregateIntensity(facts.values().stream().filter(f -> f.founded().isAfter(youngAfter)
                && (f.latestAnnual() == null || f.latestAnnual().getRevenueFen() < STARTUP_LIMIT_FEN)).toList()))
                .isCloseTo(0.24, within(0.03));
        // and the manifest's statistics describe the same log
        assertThat(calibration.startupShare()).isCloseTo(share, within(1e-9));
        assertThat(calibration.rdIntensityAggregate()).isCloseTo(aggregateIntensity(facts.values()), within(1e-9));
    }

    @Test
    void shouldDrawLogNormalRevenueAndLongTailedPatents() {
        // Given / When
        Calibration c;
        try (SampleData.GeneratedLog log = SampleData.generate(GeneratorConfig.defaults())) {
            c = log.calibration();
        }
        Map<String, Object> stats = c.asMap();

        // Then revenue is right-skewed (mean far above median) and patent counts have a long tail
        assertThat(((Number) stats.get("meanRevenueCny")).doubleValue()).isGreaterThan(3 * c.medianRevenueCny());
        assertThat(((Number) stats.get("maxPatentFilings")).doubleValue())
                .isGreaterThan(10 * ((Number) stats.get("patentFilingsPerEnterprise")).doubleValue());
        assertThat(((Number) stats.get("enterprisesWithoutPatentsShare")).doubleValue()).isBetween(0.1, 0.6);
    }

    @Test
    void shouldMakeTheDefaultSampleTheWholeSeedZone() {
        // Given / When the defaults
        Calibration c;
        try (SampleData.GeneratedLog log = SampleData.generate(GeneratorConfig.defaults())) {
            c = log.calibration();
        }

        // Then the sample is one zone of the report's 2,807 enterprises
        assertThat(zones(c)).containsExactly(Map.entry("ZONE-A", (long) GeneratorConfig.SEED_ZONE_ENTERPRISES));
    }

    @Test
    void shouldKeepTheSeedZoneWholeAndPutFurtherEnterprisesInOtherZones() {
        // Given a run larger than the seed zone
        GeneratorConfig config = GeneratorConfig.defaults().withEnterprises(GeneratorConfig.SEED_ZONE_ENTERPRISES + 600);

        // When
        Calibration c;
        try (SampleData.GeneratedLog log = SampleData.generate(config)) {
            c = log.calibration();
        }

        // Then the seed zone has exactly its 2,807 and the other zones share the rest, ZONE-B the most
        Map<String, Long> zones = zones(c);
        assertThat(zones.keySet()).containsExactly("ZONE-A", "ZONE-B", "ZONE-C", "ZONE-D");
        assertThat(zones.get("ZONE-A")).isEqualTo(GeneratorConfig.SEED_ZONE_ENTERPRISES);
        assertThat(zones.get("ZONE-B") + zones.get("ZONE-C") + zones.get("ZONE-D")).isEqualTo(600);
        assertThat(zones.get("ZONE-B")).isGreaterThan(zones.get("ZONE-D"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> zones(Calibration c) {
        return (Map<String, Long>) c.asMap().get("zones");
    }

    private static double aggregateIntensity(java.util.Collection<LogFold.Facts> facts) {
        double rd = 0;
        double revenue = 0;
        for (LogFold.Facts f : facts) {
            if (f.latestAnnual() != null && f.latestAnnual().getRevenueFen() > 0) {
                rd += f.latestAnnual().getRdExpenseFen();
                revenue += f.latestAnnual().getRevenueFen();
            }
        }
        return rd / revenue;
    }

    @Test
    void shouldProduceTheSameLogWhateverTheBlockSize() {
        // Given one config generated in memory and one spilled in many small blocks
        GeneratorConfig config = GeneratorConfig.defaults().withEnterprises(400);

        // When
        List<String> inMemory = all(config.withBlockSize(10_000)).stream().map(SampleDataTest::text).toList();
        List<String> spilled;
        try (SampleData.GeneratedLog log = SampleData.generate(config.withBlockSize(37))) {
            assertThat(log.blocks()).isEqualTo(11);
            List<String> events = new ArrayList<>();
            log.forEachRemaining(e -> events.add(text(e)));
            spilled = events;
        }

        // Then the logs are identical, event by event
        assertThat(spilled).isEqualTo(inMemory);
    }

    @Test
    void shouldGiveValidCreditCodesAndPastEventTimesToEveryValidRecord() {
        GeneratorConfig config = GeneratorConfig.defaults().withEnterprises(500);
        Instant end = config.endDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

        List<GeneratedEvent> events = all(config);

        assertThat(events).filteredOn(e -> !e.malformed()).allSatisfy(e -> {
            assertThat(CreditCode.problem(e.creditCode())).isEmpty();
            assertThat(e.record().get(e.record().getSchema().getField("creditCode").pos())).isEqualTo(e.creditCode());
            assertThat(EnterpriseSimulator.eventTime(e.record())).isBefore(end);
            assertThat(e.arrival()).isAfterOrEqualTo(EnterpriseSimulator.eventTime(e.record()));
        });
        assertThat(events).extracting(GeneratedEvent::type).contains(EventType.values());
    }

    @Test
    void shouldMakeDuplicatesShareEventIdsAndRetractionsNameAnErroneousEventOfTheSameEnterprise() {
        // Given generous perturbation fractions
        GeneratorConfig config = GeneratorConfig.defaults().withEnterprises(600).withPerturbations(0.1, 0.2, 0.05, 0.05);

        // When
        List<GeneratedEvent> events = all(config);

        // Then every duplicate repeats a sent event exactly, under its eventId
        Map<String, GeneratedEvent> firstSends = new HashMap<>();
        for (GeneratedEvent e : events) {
            if (e.flag() != EventFlag.DUPLICATE) {
                assertThat(firstSends.put(e.eventId(), e)).as("eventId %s is unique", e.eventId()).isNull();
            }
        }
        List<GeneratedEvent> duplicates = events.stream().filter(e -> e.flag() == EventFlag.DUPLICATE).toList();
        assertThat(duplicates).isNotEmpty().allSatisfy(d -> {
            GeneratedEvent original = firstSends.get(d.eventId());
            assertThat(original).isNotNull();
            assertThat(original.record()).isEqualTo(d.record());
        });
        // and every retraction names an erroneous event of its enterprise, each erroneous event retracted once
        Map<String, String> retracts = new HashMap<>();
        events.stream().filter(e -> e.flag() == EventFlag.RETRACTION).forEach(r -> {
            String target = (String) r.record().get(r.record().getSchema().getField("retractsEventId").pos());
            GeneratedEvent erroneous = firstSends.get(target);
            assertThat(erroneous.flag()).isEqualTo(EventFlag.ERRONEOUS);
            assertThat(erroneous.creditCode()).isEqualTo(r.creditCode());
            assertThat(retracts.put(target, r.eventId())).isNull();
        });
        assertThat(retracts.keySet()).isEqualTo(events.stream().filter(e -> e.flag() == EventFlag.ERRONEOUS)
                .map(GeneratedEvent::eventId).collect(Collectors.toSet()));
        // and amendments of contracts and filings are present
        assertThat(events).filteredOn(e -> e.flag() == EventFlag.AMENDMENT).extracting(GeneratedEvent::type)
                .contains(EventType.TECH_CONTRACTS, EventType.TAX_FILINGS, EventType.REGISTRATIONS);
    }

    @Test
    void shouldShuffleArrivalWithinTheWindowOnly() {
        // Given a strict and a shuffled log of the same enterprises
        GeneratorConfig strictConfig = new GeneratorConfig(300, 7, LocalDate.of(2026, 6, 30), 5, 15, 0.73, 0.02, 0.08, 0.005, 0.01,
                0.2, 0, 10_000);
        GeneratorConfig shuffledConfig = new GeneratorConfig(300, 7, LocalDate.of(2026, 6, 30), 5, 15, 0.73, 0.02, 0.08, 0.005,
                0.01, 0.2, 16, 10_000);

        // When
        List<GeneratedEvent> strict = all(strictConfig);
        List<GeneratedEvent> shuffled = all(shuffledConfig);

        // Then the strict log is in arrival order, the shuffled one is not, and no event jumps more than 16 places ahead
        assertThat(strict).isSortedAccordingTo(Comparator.comparing(GeneratedEvent::arrival));
        assertThat(shuffled).isNotEqualTo(strict).hasSameSizeAs(strict);
        Map<String, Integer> sortedPosition = new HashMap<>();
        for (int i = 0; i < strict.size(); i++) {
            sortedPosition.put(strict.get(i).flag() + strict.get(i).eventId() + strict.get(i).arrival(), i);
        }
        for (int i = 0; i < shuffled.size(); i++) {
            GeneratedEvent e = shuffled.get(i);
            assertThat(i).isGreaterThanOrEqualTo(sortedPosition.get(e.flag() + e.eventId() + e.arrival()) - 16);
        }
        // and event times still tell the true time (out of order relative to arrival)
        boolean eventTimeGoesBack = false;
        for (int i = 1; i < shuffled.size() && !eventTimeGoesBack; i++) {
            eventTimeGoesBack = !shuffled.get(i).malformed() && !shuffled.get(i - 1).malformed()
                    && EnterpriseSimulator.eventTime(shuffled.get(i).record()).isBefore(EnterpriseSimulator.eventTime(shuffled.get(i - 1).record()));
        }
        assertThat(eventTimeGoesBack).isTrue();
    }

    @Test
    void shouldGenerateEveryMalformationKindAtAboutTheConfiguredFraction() {
        GeneratorConfig config = GeneratorConfig.defaults().withEnterprises(1_500);

        List<GeneratedEvent> events = all(config);

        long malformed = events.stream().filter(GeneratedEvent::malformed).count();
        long valid = events.size() - malformed;
        assertThat((double) malformed / valid).isCloseTo(0.01, within(0.003));
        Set<MalformedKind> kinds = new HashSet<>();
        events.stream().filter(GeneratedEvent::malformed).forEach(e -> kinds.add(e.malformation().kind()));
        assertThat(kinds).containsExactlyInAnyOrder(MalformedKind.values());
    }

    @Test
    void shouldGiveEveryEnterpriseAUniqueCodeWithAValidOrganisationCheck() {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String code = EnterpriseSimulator.creditCode(i, "110108");
            assertThat(CreditCode.isValid(code)).isTrue();
            assertThat(code).startsWith("91110108MA");
            assertThat(code.charAt(16)).isEqualTo(EnterpriseSimulator.organisationCheck(code.substring(8, 16)));
            codes.add(code.substring(8));
        }
        assertThat(codes).hasSize(20_000);
    }

    @Test
    void shouldRejectInvalidConfigNamingTheSetting() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GeneratorConfig.defaults().withEnterprises(0))
                .hasMessageStartingWith("enterprises:");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GeneratorConfig.defaults().withPerturbations(0.1, 0.1, 0.1, 1.5))
                .hasMessageStartingWith("malformedFraction:");
    }
}
