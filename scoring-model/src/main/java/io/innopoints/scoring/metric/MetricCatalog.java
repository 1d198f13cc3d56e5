package io.innopoints.scoring.metric;

import io.innopoints.schemas.event.ContractRole;
import io.innopoints.schemas.event.CredentialCategory;
import io.innopoints.schemas.event.CredentialLevel;
import io.innopoints.schemas.event.PatentType;
import io.innopoints.schemas.validation.Problem;
import io.innopoints.scoring.metric.FilingMetric.Field;
import io.innopoints.scoring.model.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The metrics a model file can name, by id, with their parameters (see the module README for the catalogue).
 * {@link #create(Node)} turns a model's {@code metric:} entry — an id, or a mapping with {@code id} and
 * parameters — into a {@link Metric}, reporting unknown ids and bad parameters at their path.
 */
public final class MetricCatalog {
    private static final Map<String, Function<Node, Metric>> FACTORIES = new LinkedHashMap<>();

    static {
        filing("revenue", Field.REVENUE);
        filing("rd-expense", Field.RD_EXPENSE);
        filing("taxes-paid", Field.TAXES_PAID);
        filing("net-profit", Field.NET_PROFIT);
        filing("employees", Field.EMPLOYEES);
        filing("rd-staff", Field.RD_STAFF);
        filing("high-level-talent", Field.HIGH_LEVEL_TALENT);
        growth("revenue-growth", Field.REVENUE);
        growth("rd-expense-growth", Field.RD_EXPENSE);
        growth("taxes-paid-growth", Field.TAXES_PAID);
        growth("net-profit-growth", Field.NET_PROFIT);
        FACTORIES.put("rd-intensity", p -> FilingMetric.ratio("rd-intensity", Field.RD_EXPENSE, Field.REVENUE));
        FACTORIES.put("rd-staff-share", p -> FilingMetric.ratio("rd-staff-share", Field.RD_STAFF, Field.EMPLOYEES));

        FACTORIES.put("valid-patents", p -> new PatentMetric("valid-patents", PatentMetric.Kind.HELD,
                p.enums("types", PatentType.class, List.of(PatentType.INVENTION, PatentType.PCT)), 0));
        FACTORIES.put("patents-granted", p -> new PatentMetric("patents-granted", PatentMetric.Kind.GRANTED_IN_WINDOW,
                p.enums("types", PatentType.class, List.of()), years(p, 3)));
        FACTORIES.put("patents-filed", p -> new PatentMetric("patents-filed", PatentMetric.Kind.FILED_IN_WINDOW,
                p.enums("types", PatentType.class, List.of()), years(p, 3)));

        FACTORIES.put("contract-turnover", p -> new ContractMetric("contract-turnover", true, role(p), years(p, 0)));
        FACTORIES.put("contract-count", p -> new ContractMetric("contract-count", false, role(p), years(p, 0)));

        FACTORIES.put("credential-count", p -> credential(p, "credential-count", CredentialMetric.Aggregate.COUNT, null, 0));
        FACTORIES.put("credential-valid", p -> credential(p, "credential-valid", CredentialMetric.Aggregate.VALID, null, 0));
        FACTORIES.put("credential-amount", p -> credential(p, "credential-amount", CredentialMetric.Aggregate.AMOUNT, null, 0));
        FACTORIES.put("equity-financing", p -> credential(p, "equity-financing", CredentialMetric.Aggregate.AMOUNT,
                CredentialCategory.FINANCING, 3));

        FACTORIES.put("years-since-founding", p -> new RegistrationMetric("years-since-founding",
                RegistrationMetric.Kind.YEARS_SINCE_FOUNDING));
        FACTORIES.put("registered-capital", p -> new RegistrationMetric("registered-capital",
                RegistrationMetric.Kind.REGISTERED_CAPITAL));
    }

    private MetricCatalog() {
    }

    /** Every metric id, in catalogue order. */
    public static Set<String> ids() {
        return FACTORIES.keySet();
    }

    /** The metric with this id and default parameters (for ids that need none). */
    public static Metric byId(String id) {
        Function<Node, Metric> factory = FACTORIES.get(id);
        if (factory == null) {
            throw new IllegalArgumentException("unknown metric " + id);
        }
        List<Problem> problems = new ArrayList<>();
        Metric metric = factory.apply(new Node(null, "metric", problems));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("metric " + id + " needs parameters: " + problems);
        }
        return metric;
    }

    /** Builds the metric a model entry names; null (with problems added) when it is unknown or malformed. */
    public static Metric create(Node spec) {
        if (spec.isMissing()) {
            spec.problem("is required");
            return null;
        }
        String id;
        Node params;
        if (spec.isText()) {
            id = spec.asText();
            params = new Node(null, spec.path(), spec.problems());
        } else if (spec.isObject()) {
            id = spec.text("id");
            params = spec;
        } else {
            spec.problem("must be a metric id or a mapping with id and parameters");
            return null;
        }
        if (id == null) {
            return null;
        }
        Function<Node, Metric> factory = FACTORIES.get(id);
        if (factory == null) {
            spec.problem("unknown metric \"" + id + "\"; known: " + new TreeSet<>(FACTORIES.keySet()));
            return null;
        }
        int before = spec.problems().size();
        Metric metric = factory.apply(params);
        params.rejectUnknownKeys();
        return spec.problems().size() == before ? metric : null;
    }

    private static void filing(String id, Field field) {
        FACTORIES.put(id, p -> FilingMetric.value(id, field));
    }

    private static void growth(String id, Field field) {
        FACTORIES.put(id, p -> FilingMetric.growth(id, field));
    }

    private static int years(Node p, int fallback) {
        int years = p.integer("years", fallback);
        if (years < 0 || years > 100) {
            p.problem("years", "must be between 0 and 100, got " + years);
        }
        return years;
    }

    private static ContractRole role(Node p) {
        List<ContractRole> roles = p.enums("role", ContractRole.class, List.of(ContractRole.SELLER));
        return roles.isEmpty() ? ContractRole.SELLER : roles.get(0);
    }

    private static Metric credential(Node p, String id, CredentialMetric.Aggregate aggregate,
                                     CredentialCategory fixedCategory, int defaultYears) {
        CredentialCategory category = fixedCategory;
        if (category == null) {
            Node c = p.get("category");
            if (c.isMissing()) {
                c.problem("is required");
            } else {
                category = c.asEnum(CredentialCategory.class);
            }
        }
        List<String> kinds = p.texts("kinds", List.of());
        List<CredentialLevel> levels = p.enums("levels", CredentialLevel.class, List.of());
        List<String> grades = p.texts("grades", List.of());
        int years = years(p, defaultYears);
        return category == null ? null : new CredentialMetric(id, aggregate, category, kinds, levels, grades, years);
    }
}
