package io.innopoints.localstack.generator;

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
import io.innopoints.schemas.topic.EventType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.specific.SpecificRecord;

/**
 * Simulates one enterprise's life as events: from (seed, enterprise index) to its master data, annual (and
 * quarterly) tax filings, patents, technology contracts and credentials over the history window, plus the
 * log's imperfections (duplicates, retracted errors, malformed sends). Each enterprise has its own random stream,
 * so enterprises can be generated in any order, block by block, with identical results.
 *
 * <p>Stage intent: a share {@code startupShare} of enterprises is drawn as start-ups — founded less than 5 years
 * before the end date with latest annual revenue below 20M CNY; the rest are older, or young with revenue of at
 * least 20M CNY. R&amp;D intensity is drawn per enterprise (start-ups mean 24%, others mean ~3%) so that the
 * population's aggregate intensity is ≈ 3.7% (big mature firms dominate revenue) and start-ups' ≈ 24%.
 *
 * <p>The first 2,807 enterprises are the seed zone (ZONE-A), whole; further ones fill other zones. A latent
 * innovation quality per enterprise correlates its patents, contracts, recognitions and growth, so the top of each
 * stage is strong in every dimension, as in the report.
 */
final class EnterpriseSimulator {
    static final long FEN_PER_CNY = 100L;
    static final long STARTUP_REVENUE_LIMIT_FEN = 20_000_000L * FEN_PER_CNY;
    static final int STARTUP_MAX_AGE_YEARS = 5;

    /** The seed pilot zone: the first {@link GeneratorConfig#SEED_ZONE_ENTERPRISES} enterprises, all of them. */
    static final String SEED_ZONE = "ZONE-A";
    /**
     * How strongly the latent innovation quality of an enterprise (one standard normal draw) scales its patent and
     * contract rates and the odds of its recognitions: factors {@code exp(σ q − σ² / 2)}, 1 on average, so shares stay
     * as designed while strengths correlate — the report's top enterprises are strong in every dimension at once.
     */
    static final double QUALITY_SIGMA_OUTPUT = 1.0;
    static final double QUALITY_SIGMA_RECOGNITION = 1.3;
    /** … and its revenue growth and net margin a little. */
    static final double QUALITY_SIGMA_GROWTH = 0.1;
    static final double QUALITY_MARGIN = 0.04;
    private static final String[] ZONES = {SEED_ZONE, "ZONE-B", "ZONE-C", "ZONE-D"};
    /** Enterprises beyond the seed zone (national cohorts of larger runs) spread over the other zones 3 : 2 : 1. */
    private static final double[] OTHER_ZONE_WEIGHTS = {0.5, 1 / 3.0, 1 / 6.0};
    private static final String[][] DIVISIONS = {{"110108", "110105", "110114"}, {"310115", "310112"}, {"440305", "440306"},
            {"330106", "330108"}};
    private static final String[] CITIES = {"北京", "上海", "深圳", "杭州"};
    private static final String[] INDUSTRIES = {"I65", "I64", "C39", "C35", "C27", "C38", "C40", "M73", "M75", "C26"};
    private static final double[] INDUSTRY_WEIGHTS = {0.25, 0.08, 0.14, 0.10, 0.08, 0.08, 0.06, 0.10, 0.06, 0.05};
    private static final String[] INDUSTRY_WORDS = {"软件", "网络科技", "电子", "智能装备", "生物医药", "电气", "精密仪器", "科技研发",
            "技术服务", "新材料"};
    private static final String[] BRAND = {"星河", "云帆", "中科", "华芯", "天诚", "博睿", "启明", "锐达", "海纳", "青藤", "磐石", "景行",
            "致远", "鸿途", "微光", "数澜", "极客", "金桥", "联创", "新程", "恒信", "易联", "卓越", "智源"};
    private static final String[] ENGLISH = {"Nova", "Quantum", "Helix", "Apex", "Vertex", "Lumen", "Orbit", "Cobalt"};
    private static final String[] TITLE_A = {"图像识别", "电池管理", "数据压缩", "药物递送", "精密定位", "信号处理", "材料改性", "故障诊断"};
    private static final String[] TITLE_B = {"方法", "装置", "系统", "设备及其控制方法", "组合物"};

    private final GeneratorConfig config;
    private final LocalDate end;
    private final LocalDate windowStart;
    private final Instant endInstant;

    EnterpriseSimulator(GeneratorConfig config) {
        this.config = config;
        this.end = config.endDate();
        this.windowStart = end.minusYears(config.historyYears());
        this.endInstant = end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Facts about one enterprise as designed, for calibration statistics. */
    record Truth(String creditCode, String zone, String industry, LocalDate founded, boolean startup, boolean youngByAge,
                 Long latestRevenueFen, Long latestRdFen, int patentFilings, int inventionGrants, int contracts,
                 boolean highTech) {
    }

    record Simulated(Truth truth, List<GeneratedEvent> events) {
    }

    /** The credit code of enterprise {@code index}: '91', a division code of its zone, 'MA' + 6 unique symbols, checks. */
    static String creditCode(int index, String division) {
        long space = 887_503_681L; // 31^6: the bijection below makes codes unique up to this many enterprises
        long v = Math.floorMod(index * 104_729L + 12_345L, space);
        char[] body = new char[6];
        for (int i = 5; i >= 0; i--) {
            body[i] = CreditCode.ALPHABET.charAt((int) (v % 31));
            v /= 31;
        }
        String org8 = "MA" + new String(body);
        return CreditCode.complete("91" + division + org8 + organisationCheck(org8));
    }

    /** GB 11714 check character of an 8-character organisation code (digits 0-9, letters A=10 … Z=35). */
    static char organisationCheck(String org8) {
        int[] weights = {3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = org8.charAt(i);
            sum += (Character.isDigit(c) ? c - '0' : c - 'A' + 10) * weights[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
    }

    Simulated simulate(int index) {
        SplittableRandom r = new SplittableRandom(mix(config.seed() * 0x9E3779B97F4A7C15L + index));
        Context c = new Context(index, r);
        c.fundamentals();
        c.registrations();
        c.taxFilings();
        c.patents();
        c.contracts();
        c.credentials();
        List<GeneratedEvent> events = new Perturber(config, r, index, endInstant).perturb(c.events);
        return new Simulated(c.truth(), events);
    }

    /** One enterprise's generation state. */
    private final class Context {
        final int index;
        final SplittableRandom r;
        final List<GeneratedEvent> events = new ArrayList<>();
        int sequence;
        String code;
        String zone;
        String division;
        String city;
        String industry;
        String name;
        LocalDate founded;
        boolean startup;
        boolean bigYoung;
        double rdIntensity;
        double quality;
        Long latestRevenue;
        Long latestRd;
        int patentFilings;
        int inventionGrants;
        int contractCount;
        boolean highTech;

        Context(int index, SplittableRandom r) {
            this.index = index;
            this.r = r;
        }

        Truth truth() {
            boolean young = founded.isAfter(end.minusYears(STARTUP_MAX_AGE_YEARS));
            boolean byRule = young && (latestRevenue == null || latestRevenue < STARTUP_REVENUE_LIMIT_FEN);
            return new Truth(code, zone, industry, founded, byRule, young, latestRevenue, latestRd, patentFilings,
                    inventionGrants, contractCount, highTech);
        }

        void fundamentals() {
            // the seed zone is whole: enterprises 0 … 2,806 are all in it, later ones fill the other zones
            double zoneDraw = r.nextDouble();
            int z = index < GeneratorConfig.SEED_ZONE_ENTERPRISES ? 0 : 1 + pick(zoneDraw, OTHER_ZONE_WEIGHTS);
            zone = ZONES[z];
            division = DIVISIONS[z][r.nextInt(DIVISIONS[z].length)];
            city = CITIES[z];
            code = creditCode(index, division);
            int ind = pick(r, INDUSTRY_WEIGHTS);
            industry = INDUSTRIES[ind];
            // a few English names with quotes and commas exercise CSV quoting downstream
            name = r.nextDouble() < 0.08
                    ? ENGLISH[r.nextInt(ENGLISH.length)] + " \"" + ENGLISH[r.nextInt(ENGLISH.length)] + "\" Technologies, Ltd."
                    : city + BRAND[r.nextInt(BRAND.length)] + BRAND[r.nextInt(BRAND.length)] + INDUSTRY_WORDS[ind] + "有限公司";
            startup = r.nextDouble() < config.startupShare();
            LocalDate youngLimit = end.minusYears(STARTUP_MAX_AGE_YEARS).plusDays(1);
            if (startup) {
                founded = uniformDate(r, youngLimit, end.minusDays(30));
                rdIntensity = clamp(lognormal(r, 0.20, 0.6), 0.01, 1.5);
            } else {
                bigYoung = r.nextDouble() < 0.10;
                founded = bigYoung ? uniformDate(r, youngLimit, end.minusMonths(30))
                        : uniformDate(r, end.minusYears(config.foundingSpanYears()), youngLimit.minusDays(1));
                rdIntensity = clamp(lognormal(r, 0.027, 0.5), 0.001, 0.3);
            }
            quality = r.nextGaussian();
        }

        void registrations() {
            long capital = Math.round(lognormal(r, startup ? 2_000_000 : 20_000_000, 1.0)) / 10_000 * 10_000 * FEN_PER_CNY;
            Instant registeredAt = at(founded.plusDays(1 + r.nextInt(20)));
            if (registeredAt.isAfter(endInstant.minusSeconds(1))) {
                registeredAt = endInstant.minusSeconds(3_600);
            }
            EnterpriseRegistration original = EnterpriseRegistration.newBuilder().setEventId(id("reg"))
                    .setEventTime(registeredAt).setProvider(SampleProviders.ENTERPRISE_REGISTRY).setCreditCode(code).setName(name)
                    .setZone(zone).setIndustry(industry).setFoundedDate(founded).setStatus(EnterpriseStatus.ACTIVE)
                    .setRegisteredCapitalFen(r.nextDouble() < 0.9 ? capital : null).build();
            add(EventType.REGISTRATIONS, original, EventFlag.ORIGINAL);
            LocalDate from = max(founded.plusDays(60), windowStart);
            if (from.isBefore(end) && r.nextDouble() < config.amendmentFraction()) {
                // a capital increase (or, rarely, a status change) recorded later supersedes the master data
                double u = r.nextDouble();
                EnterpriseStatus status = u < 0.06 ? EnterpriseStatus.DEREGISTERED : u < 0.12 ? EnterpriseStatus.SUSPENDED
                        : EnterpriseStatus.ACTIVE;
                EnterpriseRegistration update = EnterpriseRegistration.newBuilder(original).setEventId(id("reg"))
                        .setEventTime(at(uniformDate(r, from, end))).setStatus(status)
                        .setRegisteredCapitalFen(capital * (2 + r.nextInt(4))).build();
                add(EventType.REGISTRATIONS, update, EventFlag.AMENDMENT);
            }
        }

        void taxFilings() {
            // the latest fiscal year with an annual filing by the end date decides the stage revenue
            int firstYear = Math.max(founded.getYear(), windowStart.getYear());
            List<Integer> years = new ArrayList<>();
            List<LocalDate> filingDates = new ArrayList<>();
            for (int y = firstYear; y < end.getYear(); y++) {
                LocalDate filed = LocalDate.of(y + 1, 1, 15).plusDays(r.nextInt(130));
                if (!filed.isAfter(end) && LocalDate.of(y, 12, 31).isAfter(founded)) {
                    years.add(y);
                    filingDates.add(filed);
                }
            }
            if (years.isEmpty()) {
                return;
            }
            int last = years.size() - 1;
            long[] revenue = new long[years.size()];
            double target;
            if (startup) {
                target = r.nextDouble() < 0.05 ? 0 : truncatedBelow(r, 2_500_000, 1.1, 19_900_000);
            } else if (bigYoung) {
                target = Math.max(20_000_000, lognormal(r, 40_000_000, 0.6));
            } else {
                target = lognormal(r, 80_000_000, 1.5);
            }
            double growthMedian = startup || bigYoung ? 1.45 : 1.08;
            double rev = target;
            for (int i = last; i >= 0; i--) {
                double value = rev;
                if (years.get(i) == founded.getYear()) {
                    value *= (365 - founded.getDayOfYear() + 1) / 365.0;
                }
                revenue[i] = Math.round(value) * FEN_PER_CNY;
                rev = rev / lognormal(r, growthMedian * qualityFactor(QUALITY_SIGMA_GROWTH), 0.15);
            }
            boolean quarterly = r.nextDouble() < config.quarterlyFraction();
            TaxFilingEvent lastAnnual = null;
            int employees = (int) Math.max(3, startup ? lognormal(r, 15, 0.7)
                    : Math.min(50_000, target / lognormal(r, 900_000, 0.5)));
            double rdShare = clamp(lognormal(r, startup ? 0.35 : 0.12, 0.3), 0.02, 0.95);
            for (int i = 0; i < years.size(); i++) {
                int year = years.get(i);
                long rd = revenue[i] == 0 ? Math.round(lognormal(r, 600_000, 0.6)) * FEN_PER_CNY
                        : Math.round(revenue[i] * rdIntensity * lognormal(r, 1.0, 0.1));
                int staff = Math.max(1, (int) Math.round(employees * StrictMath.pow(0.85, last - i)));
                int rdStaff = Math.min(staff, (int) Math.round(staff * rdShare));
                TaxFilingEvent filing = TaxFilingEvent.newBuilder().setEventId(id("tax")).setEventTime(at(filingDates.get(i)))
                        .setProvider(SampleProviders.TAX_BUREAU).setCreditCode(code).setFiscalYear(year).setPeriod(FiscalPeriod.ANNUAL)
                        .setFilingDate(filingDates.get(i)).setRevenueFen(revenue[i]).setRdExpenseFen(rd)
                        .setTaxesPaidFen(Math.round(revenue[i] * (0.03 + 0.06 * r.nextDouble())))
                        .setNetProfitFen(Math.round(revenue[i] * (QUALITY_MARGIN * quality
                                + (startup ? -0.05 + 0.2 * r.nextGaussian() : 0.07 + 0.08 * r.nextGaussian()))))
                        .setEmployees(staff).setRdStaff(rdStaff)
                        .setHighLevelTalent(r.nextDouble() < 0.3 ? null : Math.min(staff, (int) (rdStaff * 0.15 * r.nextDouble())))
                        .build();
                LocalDate firstFiled = filingDates.get(i).minusDays(10 + r.nextInt(50));
                if (r.nextDouble() < config.amendmentFraction() && firstFiled.getYear() > year) {
                    // an earlier filing with different figures, superseded by the true one filed later
                    double off = lognormal(r, 1.0, 0.12);
                    TaxFilingEvent early = TaxFilingEvent.newBuilder(filing).setEventId(id("tax")).setEventTime(at(firstFiled))
                            .setFilingDate(firstFiled).setRevenueFen(Math.round(filing.getRevenueFen() * off))
                            .setRdExpenseFen(Math.round(rd * lognormal(r, 1.0, 0.1))).build();
                    add(EventType.TAX_FILINGS, early, EventFlag.ORIGINAL);
                    add(EventType.TAX_FILINGS, filing, EventFlag.AMENDMENT);
                } else {
                    add(EventType.TAX_FILINGS, filing, EventFlag.ORIGINAL);
                }
                lastAnnual = filing;
                if (i == last) {
                    latestRevenue = filing.getRevenueFen();
                    latestRd = filing.getRdExpenseFen();
                }
                if (quarterly) {
                    for (int q = 0; q < 4; q++) {
                        quarter(filing, year, q);
                    }
                }
            }
            if (quarterly && lastAnnual != null) {
                // the current year's quarters filed so far, on the trend of the last annual filing
                TaxFilingEvent thisYear = TaxFilingEvent.newBuilder(lastAnnual)
                        .setRevenueFen(Math.round(lastAnnual.getRevenueFen() * lognormal(r, growthMedian, 0.1))).build();
                for (int q = 0; q < 4; q++) {
                    quarter(thisYear, end.getYear(), q);
                }
            }
        }

        private void quarter(TaxFilingEvent annual, int year, int q) {
            LocalDate quarterStart = LocalDate.of(year, 1 + 3 * q, 1);
            LocalDate filed = quarterStart.plusMonths(3).plusDays(5 + r.nextInt(15));
            if (filed.isAfter(end) || quarterStart.plusMonths(3).isBefore(founded)) {
                return;
            }
            double share = 0.25 * lognormal(r, 1.0, 0.15);
            TaxFilingEvent filing = TaxFilingEvent.newBuilder(annual).setEventId(id("tax")).setEventTime(at(filed))
                    .setPeriod(FiscalPeriod.values()[1 + q]).setFilingDate(filed)
                    .setRevenueFen(Math.round(annual.getRevenueFen() * share)).setRdExpenseFen(Math.round(annual.getRdExpenseFen() * share))
                    .setTaxesPaidFen(Math.round(annual.getTaxesPaidFen() * share)).setNetProfitFen(Math.round(annual.getNetProfitFen() * share))
                    .build();
            add(EventType.TAX_FILINGS, filing, EventFlag.ORIGINAL);
        }

        void patents() {
            LocalDate from = max(founded, windowStart);
            double years = ChronoUnit.DAYS.between(from, end) / 365.25;
            if (years <= 0) {
                return;
            }
            // long tail: a log-normal propensity per enterprise, Poisson counts given it
            double perYear = lognormal(r, startup ? 0.5 : 1.8, 1.3) * (industry.startsWith("C") || industry.equals("M73") ? 1.3 : 0.8)
                    * qualityFactor(QUALITY_SIGMA_OUTPUT);
            int filings = poisson(r, Math.min(perYear, 150) * years);
            patentFilings = filings;
            for (int k = 0; k < filings; k++) {
                LocalDate filed = uniformDate(r, from, end);
                double u = r.nextDouble();
                PatentType type = u < 0.45 ? PatentType.INVENTION : u < 0.85 ? PatentType.UTILITY_MODEL : u < 0.95 ? PatentType.DESIGN
                        : PatentType.PCT;
                String number = patentNumber(filed, type, k);
                String title = r.nextDouble() < 0.2 ? null : "一种" + TITLE_A[r.nextInt(TITLE_A.length)] + "的" + TITLE_B[r.nextInt(TITLE_B.length)];
                patent(number, type, PatentAction.FILED, filed, title);
                double grantP = switch (type) {
                    case INVENTION -> 0.6;
                    case UTILITY_MODEL -> 0.92;
                    case DESIGN -> 0.95;
                    case PCT -> 0.4;
                };
                int[] delayMonths = switch (type) {
                    case INVENTION -> new int[] {12, 36};
                    case UTILITY_MODEL -> new int[] {4, 12};
                    case DESIGN -> new int[] {3, 8};
                    case PCT -> new int[] {24, 48};
                };
                LocalDate granted = filed.plusDays(30L * (delayMonths[0] + r.nextInt(delayMonths[1] - delayMonths[0] + 1)));
                if (r.nextDouble() >= grantP || granted.isAfter(end)) {
                    continue;
                }
                patent(number, type, PatentAction.GRANTED, granted, title);
                if (type == PatentType.INVENTION || type == PatentType.PCT) {
                    inventionGrants++;
                }
                double fate = r.nextDouble();
                PatentAction later = fate < 0.02 ? PatentAction.REVOKED : fate < 0.05 ? PatentAction.EXPIRED
                        : fate < 0.08 ? PatentAction.TRANSFERRED_OUT : null;
                LocalDate when = granted.plusDays(90 + r.nextInt(3 * 365));
                if (later != null && !when.isAfter(end)) {
                    patent(number, type, later, when, title);
                    if (type == PatentType.INVENTION || type == PatentType.PCT) {
                        inventionGrants--;
                    }
                }
            }
            int bought = poisson(r, 0.05 * perYear * years);
            for (int k = 0; k < bought; k++) {
                LocalDate when = uniformDate(r, from, end);
                PatentType type = r.nextDouble() < 0.6 ? PatentType.INVENTION : PatentType.UTILITY_MODEL;
                patent(patentNumber(when.minusYears(2 + r.nextInt(5)), type, 100_000 + k), type, PatentAction.TRANSFERRED_IN, when, null);
                if (type == PatentType.INVENTION) {
                    inventionGrants++;
                }
            }
        }

        private String patentNumber(LocalDate filed, PatentType type, int k) {
            int typeDigit = switch (type) {
                case INVENTION, PCT -> 1;
                case UTILITY_MODEL -> 2;
                case DESIGN -> 3;
            };
            long serial = Math.floorMod((long) index * 7_919L + k * 104_729L, 10_000_000L);
            String digits = filed.getYear() + "" + typeDigit + String.format("%07d", serial);
            int sum = 0;
            for (int i = 0; i < digits.length(); i++) {
                sum += (digits.charAt(i) - '0') * (i % 8 + 2);
            }
            int check = sum % 11;
            return (type == PatentType.PCT ? "PCT/CN" : "CN") + digits + "." + (check == 10 ? "X" : String.valueOf(check));
        }

        private void patent(String number, PatentType type, PatentAction action, LocalDate date, String title) {
            add(EventType.PATENTS, PatentEvent.newBuilder().setEventId(id("pat")).setEventTime(at(date)).setProvider(SampleProviders.PATENT_OFFICE)
                    .setCreditCode(code).setPatentNumber(number).setPatentType(type).setAction(action).setActionDate(date)
                    .setTitle(title).build(), EventFlag.ORIGINAL);
        }

        void contracts() {
            LocalDate from = max(founded, windowStart);
            double years = ChronoUnit.DAYS.between(from, end) / 365.25;
            if (years <= 0) {
                return;
            }
            int count = poisson(r, Math.min(lognormal(r, startup ? 0.4 : 1.2, 1.0) * qualityFactor(QUALITY_SIGMA_OUTPUT), 200) * years);
            contractCount = count;
            for (int k = 0; k < count; k++) {
                LocalDate registered = uniformDate(r, from, end);
                double u = r.nextDouble();
                ContractType type = u < 0.35 ? ContractType.DEVELOPMENT : u < 0.5 ? ContractType.TRANSFER
                        : u < 0.65 ? ContractType.CONSULTING : ContractType.SERVICE;
                TechContractEvent contract = TechContractEvent.newBuilder().setEventId(id("tc")).setEventTime(at(registered))
                        .setProvider(SampleProviders.TECH_CONTRACT_REGISTRY).setCreditCode(code)
                        .setContractId(String.format("TC%d%s%05d", registered.getYear(), division, Math.floorMod(index * 31L + k, 100_000L)))
                        .setAction(ContractAction.REGISTERED).setRole(r.nextDouble() < 0.75 ? ContractRole.SELLER : ContractRole.BUYER)
                        .setContractType(type).setAmountFen(Math.round(lognormal(r, 300_000, 1.2)) * FEN_PER_CNY)
                        .setRegistrationDate(registered)
                        .setCounterpartyName(r.nextDouble() < 0.2 ? null : CITIES[r.nextInt(CITIES.length)] + BRAND[r.nextInt(BRAND.length)]
                                + (r.nextDouble() < 0.3 ? "大学" : "股份有限公司"))
                        .build();
                add(EventType.TECH_CONTRACTS, contract, EventFlag.ORIGINAL);
                LocalDate amended = registered.plusDays(10 + r.nextInt(120));
                if (r.nextDouble() < config.amendmentFraction() && !amended.isAfter(end)) {
                    contract = TechContractEvent.newBuilder(contract).setEventId(id("tc")).setEventTime(at(amended))
                            .setAction(ContractAction.AMENDED).setAmountFen(Math.round(contract.getAmountFen() * (0.6 + r.nextDouble())))
                            .build();
                    add(EventType.TECH_CONTRACTS, contract, EventFlag.AMENDMENT);
                }
                LocalDate cancelled = registered.plusDays(130 + r.nextInt(300));
                if (r.nextDouble() < 0.04 && !cancelled.isAfter(end)) {
                    add(EventType.TECH_CONTRACTS, TechContractEvent.newBuilder(contract).setEventId(id("tc")).setEventTime(at(cancelled))
                            .setAction(ContractAction.CANCELLED).build(), EventFlag.AMENDMENT);
                }
            }
        }

        void credentials() {
            LocalDate from = max(founded.plusMonths(6), windowStart);
            if (!from.isBefore(end)) {
                return;
            }
            int ageYears = (int) ChronoUnit.YEARS.between(founded, end);
            // recurring recognitions: validity periods renewed with some probability
            highTech = recurring(from, startup ? 0.15 : 0.5, CredentialCategory.QUALIFICATION, "HIGH_TECH_ENTERPRISE",
                    CredentialLevel.NATIONAL, 3, 0.75) || highTech;
            recurring(from, startup ? 0.5 : 0.3, CredentialCategory.QUALIFICATION, "TECH_SME", CredentialLevel.PROVINCIAL, 1, 0.8);
            boolean specialised = recurring(from, startup ? 0.04 : 0.15, CredentialCategory.QUALIFICATION, "SPECIALIZED_INNOVATIVE",
                    CredentialLevel.PROVINCIAL, 3, 0.7);
            if (specialised) {
                recurring(from, 0.15, CredentialCategory.QUALIFICATION, "LITTLE_GIANT", CredentialLevel.NATIONAL, 3, 0.8);
            }
            recurring(from, ageYears >= 3 && ageYears <= 8 ? 0.08 : 0.01, CredentialCategory.QUALIFICATION, "GAZELLE",
                    CredentialLevel.MUNICIPAL, 1, 0.5);
            repeat(startup ? 0.05 : 0.3, 2, () -> {
                CredentialLevel level = level(0.05, 0.30);
                String kind = new String[] {"ENTERPRISE_TECH_CENTER", "ENGINEERING_CENTER", "KEY_LABORATORY", "POSTDOC_WORKSTATION"}[r.nextInt(4)];
                LocalDate at = uniformDate(r, from, end);
                credential(CredentialCategory.PLATFORM, kind, level, at, level == CredentialLevel.MUNICIPAL ? at.plusYears(5) : null,
                        null, null, null);
            });
            repeat(startup ? 0.02 : 0.1, 2, () -> {
                double g = r.nextDouble();
                credential(CredentialCategory.AWARD, r.nextBoolean() ? "SCIENCE_TECH_PROGRESS_AWARD" : "TECH_INVENTION_AWARD",
                        level(0.05, 0.40), uniformDate(r, from, end), null,
                        g < 0.02 ? "SPECIAL" : g < 0.22 ? "FIRST" : g < 0.6 ? "SECOND" : "THIRD", null, null);
            });
            repeat(startup ? 0.06 : 0.15, 3, () -> {
                CredentialLevel level = level(0.1, 0.4);
                String kind = switch (level) {
                    case NATIONAL -> "NATIONAL_KEY_RD_PROGRAM";
                    case PROVINCIAL -> "PROVINCIAL_KEY_RD_PROJECT";
                    default -> "MUNICIPAL_SCI_TECH_PLAN";
                };
                LocalDate at = uniformDate(r, from, end);
                long funding = Math.round(lognormal(r, level == CredentialLevel.NATIONAL ? 5_000_000 : 800_000, 0.7)) * FEN_PER_CNY;
                credential(CredentialCategory.PROJECT, kind, level, at, at.plusYears(2 + r.nextInt(2)), null, funding, null);
            });
            repeat(startup ? 0.02 : 0.12, 3, () -> {
                int k = r.nextInt(4);
                String kind = new String[] {"NATIONAL_STANDARD", "INDUSTRY_STANDARD", "LOCAL_STANDARD", "GROUP_STANDARD"}[k];
                CredentialLevel level = k < 2 ? CredentialLevel.NATIONAL : k == 2 ? CredentialLevel.PROVINCIAL : CredentialLevel.NONE;
                credential(CredentialCategory.STANDARD, kind, level, uniformDate(r, from, end), null,
                        r.nextDouble() < 0.3 ? "LEAD" : "PARTICIPANT", null, null);
            });
            repeat(startup ? 0.25 : 0.08, 3, () -> {
                String round = new String[] {"SEED", "ANGEL", "SERIES_A", "SERIES_B"}[r.nextInt(4)];
                credential(CredentialCategory.FINANCING, "EQUITY_ROUND", CredentialLevel.NONE, uniformDate(r, from, end), null, round,
                        Math.round(lognormal(r, startup ? 8_000_000 : 30_000_000, 1.0)) * FEN_PER_CNY,
                        Math.round((5 + 20 * r.nextDouble()) * 100) / 100.0);
            });
            repeat(0.03, 1, () -> credential(CredentialCategory.TALENT, "TALENT_PROGRAM", level(0.2, 0.5), uniformDate(r, from, end),
                    null, null, null, null));
            penalty(from, 0.01, "DISHONESTY_BLACKLIST", CredentialLevel.NATIONAL, 365, 3 * 365);
            penalty(from, industry.startsWith("C") ? 0.02 : 0.004, "ENV_RED_LIGHT", CredentialLevel.MUNICIPAL, 90, 365);
            localCredentials(from, ageYears);
        }

        /**
         * The facts only the pilot zone's local indicators read (model pilot-zone-61): young-eagle and unicorn
         * recognitions, incubators and maker spaces, innovation-and-entrepreneurship contest prizes, major violations
         * and safety accidents. Drawn after every other fact so that those stay as they were.
         */
        private void localCredentials(LocalDate from, int ageYears) {
            recurring(from, startup && ageYears < 4 ? 0.10 : 0.01, CredentialCategory.QUALIFICATION, "YOUNG_EAGLE",
                    CredentialLevel.MUNICIPAL, 1, 0.5);
            recurring(from, !startup && ageYears >= 3 && ageYears <= 10 ? 0.004 : 0.0005, CredentialCategory.QUALIFICATION,
                    "UNICORN", CredentialLevel.PROVINCIAL, 2, 0.6);
            repeat(startup ? 0.01 : 0.04, 1, () -> {
                CredentialLevel level = level(0.1, 0.3);
                LocalDate at = uniformDate(r, from, end);
                credential(CredentialCategory.PLATFORM, r.nextBoolean() ? "INCUBATOR" : "MAKERSPACE", level, at, at.plusYears(3),
                        null, null, null);
            });
            repeat(startup ? 0.08 : 0.04, 2, () -> {
                double g = r.nextDouble();
                credential(CredentialCategory.AWARD, "INNOVATION_CONTEST", level(0.08, 0.3), uniformDate(r, from, end), null,
                        g < 0.15 ? "FIRST" : g < 0.5 ? "SECOND" : "THIRD", null, null);
            });
            penalty(from, 0.005, "MAJOR_VIOLATION", CredentialLevel.PROVINCIAL, 365, 2 * 365);
            penalty(from, industry.startsWith("C") ? 0.004 : 0.001, "SAFETY_ACCIDENT", CredentialLevel.MUNICIPAL, 180, 365);
        }

        /** A recognition granted with probability {@code p}, valid {@code years}, renewed with {@code renew}; true if ever held. */
        private boolean recurring(LocalDate from, double p, CredentialCategory category, String kind, CredentialLevel level, int years,
                                  double renew) {
            if (r.nextDouble() >= lift(p)) {
                return false;
            }
            // the first grant may predate the window: the log shows the certificate valid at its start
            LocalDate start = uniformDate(r, max(founded.plusMonths(6), from.minusYears(years).plusDays(1)), end);
            boolean first = true;
            while (!start.isAfter(end) && (first || r.nextDouble() < renew)) {
                LocalDate until = start.plusYears(years);
                String id = credential(category, kind, level, start, until, null, null, null);
                if (r.nextDouble() < 0.02) {
                    LocalDate revoked = start.plusDays(30 + r.nextInt((int) ChronoUnit.DAYS.between(start, until) - 30));
                    if (!revoked.isAfter(end)) {
                        revoke(category, kind, level, id, revoked);
                        break;
                    }
                }
                start = until;
                first = false;
            }
            return true;
        }

        private void penalty(LocalDate from, double p, String kind, CredentialLevel level, int minDays, int maxDays) {
            if (r.nextDouble() >= p) {
                return;
            }
            LocalDate at = uniformDate(r, from, end);
            LocalDate until = at.plusDays(minDays + r.nextInt(maxDays - minDays + 1));
            String id = credential(CredentialCategory.PENALTY, kind, level, at, until, null,
                    r.nextBoolean() ? Math.round(lognormal(r, 50_000, 1.0)) * FEN_PER_CNY : null, null);
            LocalDate lifted = at.plusDays(minDays / 2);
            if (r.nextDouble() < 0.2 && !lifted.isAfter(end)) {
                // credit repair lifts the penalty early
                revoke(CredentialCategory.PENALTY, kind, level, id, lifted);
            }
        }

        private void repeat(double p, int max, Runnable item) {
            if (r.nextDouble() >= lift(p)) {
                return;
            }
            int n = 1 + r.nextInt(max);
            for (int i = 0; i < n; i++) {
                item.run();
            }
        }

        /** exp(σ q − σ² / 2): the enterprise's quality as a factor with mean 1. */
        private double qualityFactor(double sigma) {
            return StrictMath.exp(sigma * quality - sigma * sigma / 2);
        }

        /** A recognition's probability scaled by the enterprise's quality (mean about {@code p}), at most 0.95. */
        private double lift(double p) {
            return Math.min(0.95, p * qualityFactor(QUALITY_SIGMA_RECOGNITION));
        }

        private CredentialLevel level(double national, double provincial) {
            double u = r.nextDouble();
            return u < national ? CredentialLevel.NATIONAL : u < national + provincial ? CredentialLevel.PROVINCIAL : CredentialLevel.MUNICIPAL;
        }

        private String credential(CredentialCategory category, String kind, CredentialLevel level, LocalDate from, LocalDate until,
                                  String grade, Long amount, Double equity) {
            String credentialId = String.format("%s-%s-%d-%s", kind.substring(0, Math.min(4, kind.length())), code.substring(8, 16),
                    from.getYear(), Integer.toString(sequence, 36).toUpperCase());
            add(EventType.CREDENTIALS, CredentialEvent.newBuilder().setEventId(id("cred")).setEventTime(at(from))
                    .setProvider(category == CredentialCategory.PENALTY ? SampleProviders.CREDIT_REGISTRY : SampleProviders.QUALIFICATION_REGISTRY)
                    .setCreditCode(code).setCredentialId(credentialId).setCategory(category).setKind(kind).setLevel(level)
                    .setAction(CredentialAction.GRANTED).setValidFrom(from).setValidUntil(until).setGrade(grade)
                    .setAmountFen(amount).setEquitySharePercent(equity).build(), EventFlag.ORIGINAL);
            return credentialId;
        }

        private void revoke(CredentialCategory category, String kind, CredentialLevel level, String credentialId, LocalDate at) {
            add(EventType.CREDENTIALS, CredentialEvent.newBuilder().setEventId(id("cred")).setEventTime(at(at))
                    .setProvider(category == CredentialCategory.PENALTY ? SampleProviders.CREDIT_REGISTRY : SampleProviders.QUALIFICATION_REGISTRY)
                    .setCreditCode(code).setCredentialId(credentialId).setCategory(category).setKind(kind).setLevel(level)
                    .setAction(CredentialAction.REVOKED).setValidFrom(at).setValidUntil(null).build(), EventFlag.AMENDMENT);
        }

        private String id(String prefix) {
            return prefix + "-" + code + "-" + String.format("%05d", sequence++);
        }

        /** The instant a fact dated {@code date} is recorded: that day, Beijing office hours (01:00-10:00 UTC). */
        private Instant at(LocalDate date) {
            return date.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3_600 + r.nextInt(9 * 3_600));
        }

        private void add(EventType type, SpecificRecord record, EventFlag flag) {
            Instant eventTime = eventTime(record);
            if (!eventTime.isBefore(endInstant)) {
                return;
            }
            events.add(new GeneratedEvent(type, eventId(record), code, eventTime.plus(Perturber.lag(r)), 0, flag, record, null));
        }
    }

    static Instant eventTime(SpecificRecord record) {
        return (Instant) record.get(record.getSchema().getField("eventTime").pos());
    }

    static String eventId(SpecificRecord record) {
        return (String) record.get(record.getSchema().getField("eventId").pos());
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static int pick(SplittableRandom r, double[] weights) {
        return pick(r.nextDouble(), weights);
    }

    static int pick(double u, double[] weights) {
        for (int i = 0; i < weights.length - 1; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    // StrictMath everywhere: Math.exp/pow may differ in the last bit between JVMs and CPUs, and the output must be
    // byte-identical for a seed wherever it is generated
    static double lognormal(SplittableRandom r, double median, double sigma) {
        return median * StrictMath.exp(sigma * r.nextGaussian());
    }

    /** A log-normal value below {@code limit}: redrawn a few times, then squeezed under the limit. */
    static double truncatedBelow(SplittableRandom r, double median, double sigma, double limit) {
        for (int i = 0; i < 8; i++) {
            double v = lognormal(r, median, sigma);
            if (v < limit) {
                return v;
            }
        }
        return limit * (0.5 + 0.5 * r.nextDouble());
    }

    static int poisson(SplittableRandom r, double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 30) {
            return (int) Math.max(0, Math.round(lambda + StrictMath.sqrt(lambda) * r.nextGaussian()));
        }
        double limit = StrictMath.exp(-lambda);
        double product = r.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= r.nextDouble();
            n++;
        }
        return n;
    }

    static LocalDate uniformDate(SplittableRandom r, LocalDate from, LocalDate toInclusive) {
        long days = ChronoUnit.DAYS.between(from, toInclusive);
        return days <= 0 ? from : from.plusDays(r.nextLong(days + 1));
    }

    static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }

    static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
