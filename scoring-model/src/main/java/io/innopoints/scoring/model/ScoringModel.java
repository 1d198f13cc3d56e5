package io.innopoints.scoring.model;

import io.innopoints.schemas.validation.Problem;
import io.innopoints.schemas.validation.Validated;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated, immutable scoring model: dimensions, indicators (metric, scorer, weight per stage), stages with
 * their assignment rules, cohort scopes, top-N and tiers. Loaded once from a versioned YAML file (see the module
 * README for the format); evaluation never touches YAML. Thread-safe.
 */
public final class ScoringModel {
    /** Built-in models shipped as resources {@code models/<id>.yaml}. */
    public static final List<String> BUILTIN = List.of("national-2024", "zone-20n", "pilot-zone-61");

    private final String id;
    private final String version;
    private final Names names;
    private final List<Dimension> dimensions;
    private final List<Indicator> indicators;
    private final List<Stage> stages;
    private final List<CohortScope> scopes;
    private final int topN;
    private final List<Tier> tiers;
    private final Map<String, Integer> stageIndex = new HashMap<>();
    private final Map<String, Indicator> indicatorById = new HashMap<>();
    private final boolean hasCohortIndicators;

    ScoringModel(String id, String version, Names names, List<Dimension> dimensions, List<Indicator> indicators,
                 List<Stage> stages, List<CohortScope> scopes, int topN, List<Tier> tiers) {
        this.id = id;
        this.version = version;
        this.names = names;
        this.dimensions = List.copyOf(dimensions);
        this.indicators = List.copyOf(indicators);
        this.stages = List.copyOf(stages);
        this.scopes = List.copyOf(scopes);
        this.topN = topN;
        this.tiers = List.copyOf(tiers);
        for (Stage s : stages) {
            stageIndex.put(s.id(), s.index());
        }
        for (Indicator i : indicators) {
            indicatorById.put(i.id(), i);
        }
        this.hasCohortIndicators = indicators.stream().anyMatch(i -> i.scorer().needsCohort());
    }

    /** Parses and validates YAML text; {@code source} names it in messages. */
    public static Validated<ScoringModel> validate(String yaml, String source) {
        return ModelParser.parse(yaml, source);
    }

    /** Parses YAML text or throws {@link ModelValidationException} listing every problem. */
    public static ScoringModel load(String yaml, String source) {
        Validated<ScoringModel> result = validate(yaml, source);
        if (!result.isOk()) {
            throw new ModelValidationException(source, result.problems());
        }
        return result.value();
    }

    public static ScoringModel load(Path file) {
        try {
            return load(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (MalformedInputException e) {
            throw new ModelValidationException(file.toString(), List.of(
                    new Problem("$", "the file is not UTF-8")));
        } catch (IOException e) {
            throw new ModelValidationException(file.toString(), List.of(
                    new Problem("$", "cannot read the file: " + e)));
        }
    }

    /** A built-in model by id ({@link #BUILTIN}). */
    public static ScoringModel builtin(String id) {
        String resource = "models/" + id + ".yaml";
        try (InputStream in = ScoringModel.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no built-in model \"" + id + "\"; built-in: " + BUILTIN);
            }
            return load(new String(in.readAllBytes(), StandardCharsets.UTF_8), "builtin:" + id);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    /** A built-in id or a file path. */
    public static ScoringModel resolve(String builtinIdOrFile) {
        if (BUILTIN.contains(builtinIdOrFile)) {
            return builtin(builtinIdOrFile);
        }
        Path file = Path.of(builtinIdOrFile);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("model \"" + builtinIdOrFile + "\" is neither a built-in model "
                    + BUILTIN + " nor a readable file");
        }
        return load(file);
    }

    public String id() {
        return id;
    }

    public String version() {
        return version;
    }

    public Names names() {
        return names;
    }

    public List<Dimension> dimensions() {
        return dimensions;
    }

    public List<Indicator> indicators() {
        return indicators;
    }

    public List<Stage> stages() {
        return stages;
    }

    public List<CohortScope> scopes() {
        return scopes;
    }

    public int topN() {
        return topN;
    }

    public List<Tier> tiers() {
        return tiers;
    }

    public Optional<Stage> stage(String stageId) {
        Integer i = stageIndex.get(stageId);
        return i == null ? Optional.empty() : Optional.of(stages.get(i));
    }

    public Optional<Indicator> indicator(String indicatorId) {
        return Optional.ofNullable(indicatorById.get(indicatorId));
    }

    /** True when some indicator's points depend on its cohort (cohort-percentile scorers). */
    public boolean hasCohortIndicators() {
        return hasCohortIndicators;
    }

    /**
     * The tier of a competition rank in a cohort of {@code size}: the first tier whose cumulative share covers the
     * rank, i.e. {@code (rank - 1) < cumulativeShare × size}; ties share a rank and therefore a tier.
     */
    public String tierOf(int rank, int size) {
        return Tiers.tierOf(tiers, rank, size);
    }

    /** {@code id:version}. */
    public String key() {
        return id + ":" + version;
    }

    @Override
    public String toString() {
        return "ScoringModel[" + key() + ", " + indicators.size() + " indicators, " + stages.size() + " stages]";
    }
}
