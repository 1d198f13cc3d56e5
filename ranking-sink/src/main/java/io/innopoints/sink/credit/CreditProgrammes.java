package io.innopoints.sink.credit;

import io.innopoints.schemas.config.ConfigException;
import io.innopoints.schemas.config.KeyFamily;
import io.innopoints.sink.credit.CreditProgramme.StageRule;
import io.innopoints.sink.credit.CreditProgramme.TierLine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configured credit programmes, parsed once at start-up from the keys {@code credit.<id>.<attribute>} (environment
 * {@code SINK_CREDIT_<ID>_<ATTRIBUTE>}). A bad value fails start-up with its key:
 *
 * <pre>
 * credit.pilot-icbc.bank=icbc
 * credit.pilot-icbc.zone=ZONE-A
 * credit.pilot-icbc.budget-yuan=800000000
 * credit.pilot-icbc.unit-yuan=10000                       # default
 * credit.pilot-icbc.cap-yuan=3000000
 * credit.pilot-icbc.tiers=A=2000000,B=1000000             # base line per tier, best first, never increasing
 * credit.pilot-icbc.eligibility=*:tier&lt;=B;startup:tier&lt;=C,percentile&gt;=50   # default *:all
 * credit.pilot-icbc.exclude-penalised=true                # default
 * </pre>
 *
 * Eligibility: rules separated by {@code ;}, each {@code <stage>:<conditions>} with {@code *} for every stage without
 * its own rule, conditions separated by {@code ,} and all required: {@code rank<=N}, {@code tier<=X} (X or a better
 * tier, in the order of {@code tiers}), {@code percentile>=P} (P in percent, at most two decimals), or {@code all}.
 */
public final class CreditProgrammes {
    public static final String PREFIX = "credit";
    public static final List<String> ATTRIBUTES = List.of("bank", "zone", "budget-yuan", "unit-yuan", "cap-yuan", "tiers",
            "eligibility", "exclude-penalised");
    /** One-line meaning of each attribute, for the configuration table. */
    public static final Map<String, String> DOCS = docs();
    private static final Pattern CONDITION = Pattern.compile("(rank|tier|percentile)\\s*(<=|>=)\\s*(\\S+)");

    private CreditProgrammes() {
    }

    private static Map<String, String> docs() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("bank", "Credit programme `<id>`: the bank running it (bank principals with this id read its allocation).");
        d.put("zone", "Credit programme: the zone whose registered, ranked enterprises may be eligible.");
        d.put("budget-yuan", "Credit programme: the whole budget in yuan (e.g. 800000000).");
        d.put("unit-yuan", "Credit programme: rounding unit in yuan, every amount a multiple of it (default 10000).");
        d.put("cap-yuan", "Credit programme: the most one enterprise may get, in yuan (at least one unit).");
        d.put("tiers", "Credit programme: base line per tier, best first, e.g. `A=2000000,B=1000000` (never increasing).");
        d.put("eligibility", "Credit programme: per stage, e.g. `*:tier<=B;startup:rank<=100,percentile>=50` "
                + "(default `*:all`).");
        d.put("exclude-penalised", "Credit programme: leave out enterprises with an active penalty (default true).");
        return Map.copyOf(d);
    }

    /** The key families of {@link #ATTRIBUTES}, for the configuration spec. */
    public static List<KeyFamily> keyFamilies(String envPrefix) {
        List<KeyFamily> out = new ArrayList<>();
        for (String a : ATTRIBUTES) {
            out.add(KeyFamily.perId(PREFIX, envPrefix, a, DOCS.get(a)));
        }
        return out;
    }

    /** Every programme of the raw configuration, by id. */
    public static List<CreditProgramme> from(Map<String, String> raw) {
        Map<String, Map<String, String>> byId = new TreeMap<>();
        for (String attribute : ATTRIBUTES) {
            Pattern key = KeyFamily.idKey(PREFIX, attribute);
            raw.forEach((k, v) -> {
                Matcher m = key.matcher(k);
                if (m.matches()) {
                    byId.computeIfAbsent(m.group(1), id -> new HashMap<>()).put(attribute, v.trim());
                }
            });
        }
        List<CreditProgramme> out = new ArrayList<>();
        byId.forEach((id, a) -> out.add(programme(id, a)));
        return List.copyOf(out);
    }

    private static CreditProgramme programme(String id, Map<String, String> a) {
        String bank = required(id, a, "bank");
        String zone = required(id, a, "zone");
        long budget = amount(id, "budget-yuan", required(id, a, "budget-yuan"));
        long unit = amount(id, "unit-yuan", a.getOrDefault("unit-yuan", "10000"));
        if (unit < 1) {
            throw new ConfigException(key(id, "unit-yuan"), "must be at least 1");
        }
        long cap = amount(id, "cap-yuan", required(id, a, "cap-yuan"));
        if (cap < unit) {
            throw new ConfigException(key(id, "cap-yuan"), "is below one unit (" + unit + " yuan)");
        }
        List<TierLine> tiers = tiers(id, required(id, a, "tiers"));
        Map<String, StageRule> stages = eligibility(id, a.getOrDefault("eligibility", "*:all"));
        String exclude = a.getOrDefault("exclude-penalised", "true");
        if (!exclude.equals("true") && !exclude.equals("false")) {
            throw new ConfigException(key(id, "exclude-penalised"), "'" + exclude + "' is not true or false");
        }
        try {
            return new CreditProgramme(id, bank, zone, budget, unit, cap, tiers, stages, Boolean.parseBoolean(exclude));
        } catch (IllegalArgumentException e) {
            String attribute = e.getMessage().contains("tier") ? "tiers" : "eligibility";
            throw new ConfigException(key(id, e.getMessage().contains("eligibility rule") ? "eligibility" : attribute),
                    e.getMessage());
        }
    }

    private static List<TierLine> tiers(String id, String value) {
        List<TierLine> out = new ArrayList<>();
        for (String part : value.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2 || !kv[0].trim().matches("[A-Z][A-Z0-9+-]{0,7}")) {
                throw new ConfigException(key(id, "tiers"), "'" + part.trim() + "' is not <tier>=<yuan>, e.g. A=2000000");
            }
            try {
                out.add(new TierLine(kv[0].trim(), amount(id, "tiers", kv[1].trim())));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key(id, "tiers"), e.getMessage());
            }
        }
        return out;
    }

    private static Map<String, StageRule> eligibility(String id, String value) {
        Map<String, StageRule> out = new HashMap<>();
        for (String rule : value.split(";")) {
            String[] sc = rule.split(":", 2);
            String stage = sc[0].trim();
            if (sc.length != 2 || !(stage.equals(CreditProgramme.ANY_STAGE) || stage.matches("[a-z0-9][a-z0-9_-]{0,63}"))) {
                throw new ConfigException(key(id, "eligibility"), "'" + rule.trim()
                        + "' is not <stage>:<conditions> (stage id or *; e.g. startup:tier<=B)");
            }
            Integer maxRank = null;
            String maxTier = null;
            Integer minPercentile = null;
            for (String c : sc[1].split(",")) {
                String condition = c.trim();
                if (condition.equals("all")) {
                    continue;
                }
                Matcher m = CONDITION.matcher(condition);
                if (!m.matches()) {
                    throw new ConfigException(key(id, "eligibility"), "'" + condition
                            + "' is not rank<=N, tier<=X, percentile>=P or all");
                }
                String what = m.group(1);
                String op = m.group(2);
                String v = m.group(3);
                if (what.equals("percentile") != op.equals(">=")) {
                    throw new ConfigException(key(id, "eligibility"), "'" + condition + "': use rank<=N, tier<=X, percentile>=P");
                }
                switch (what) {
                    case "rank" -> maxRank = positive(id, v);
                    case "tier" -> maxTier = v;
                    default -> minPercentile = basisPoints(id, v);
                }
            }
            if (out.put(stage, new StageRule(maxRank, maxTier, minPercentile)) != null) {
                throw new ConfigException(key(id, "eligibility"), "stage " + stage + " has two rules");
            }
        }
        return out;
    }

    private static int positive(String id, String v) {
        if (!v.matches("[0-9]{1,9}") || Integer.parseInt(v) < 1) {
            throw new ConfigException(key(id, "eligibility"), "rank limit '" + v + "' is not a whole number from 1");
        }
        return Integer.parseInt(v);
    }

    private static int basisPoints(String id, String v) {
        if (!v.matches("[0-9]{1,3}(\\.[0-9]{1,2})?")) {
            throw new ConfigException(key(id, "eligibility"), "percentile '" + v + "' is not 0..100 with at most two decimals");
        }
        int bp = new BigDecimal(v).movePointRight(2).intValueExact();
        if (bp > 10_000) {
            throw new ConfigException(key(id, "eligibility"), "percentile '" + v + "' is above 100");
        }
        return bp;
    }

    private static long amount(String id, String attribute, String v) {
        if (!v.matches("[0-9]{1,15}")) {
            throw new ConfigException(key(id, attribute), "'" + v + "' is not a whole number of yuan (0..999999999999999)");
        }
        return Long.parseLong(v);
    }

    private static String required(String id, Map<String, String> a, String attribute) {
        String v = a.get(attribute);
        if (v == null || v.isBlank()) {
            throw new ConfigException(key(id, attribute), "is required for credit programme " + id);
        }
        return v;
    }

    private static String key(String id, String attribute) {
        return PREFIX + "." + id + "." + attribute;
    }
}
