package io.innopoints.scoring.release;

import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.schemas.release.IndicatorStatistic;
import io.innopoints.schemas.release.PeriodRelease;
import io.innopoints.schemas.release.ReleaseChange;
import io.innopoints.schemas.release.ReleaseChangeKind;
import io.innopoints.schemas.release.ReleasedCohort;
import io.innopoints.schemas.release.ReleasedEntry;
import io.innopoints.schemas.release.StageShare;
import io.innopoints.schemas.score.CohortRank;
import io.innopoints.schemas.topic.EventHeader;
import io.innopoints.scoring.batch.BatchResult;
import io.innopoints.scoring.batch.BatchScorer;
import io.innopoints.scoring.batch.EventLog;
import io.innopoints.scoring.model.CohortScope;
import io.innopoints.scoring.model.Indicator;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.model.Stage;
import io.innopoints.scoring.profile.Profiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Official period results as a pure function: the input events recorded by a period's cut-off, folded into profiles
 * and scored by the batch reference scorer ({@link BatchScorer}, the oracle) as of the period's as-of, become one
 * {@link PeriodRelease} — stage distribution, per-stage indicator statistics, every cohort's ranked members (top-N
 * and tier lists are views of them), the model version and the differences from the previous version — sealed with
 * the SHA-256 of its Avro binary encoding. No clock, no I/O, no iteration order of a hash map reaches the output: the
 * same events (in any order) and model give byte-identical releases.
 */
public final class PeriodReleases {
    private PeriodReleases() {
    }

    /**
     * Computes version {@code previous.version + 1} (1 without a previous one) of a period's release.
     *
     * @param events   every input event read (any of the five input records, any order); those recorded after the
     *                 cut-off are counted and left out, those the shared validator rejects are counted and left out
     * @param previous the period's latest release, or null
     */
    public static PeriodRelease compute(ScoringModel model, Period period, Iterable<? extends SpecificRecord> events,
                                        PeriodRelease previous) {
        if (previous != null && !previous.getPeriodId().equals(period.id())) {
            throw new IllegalArgumentException("previous release is of period " + previous.getPeriodId()
                    + ", not " + period.id());
        }
        // validated as the pipeline would at the cut-off: an event recorded by then is not "in the future"
        Function<SpecificRecord, Optional<String>> check = EventLog.validatorCheck(period.cutOff());
        Map<String, EnterpriseProfile> profiles = new TreeMap<>();
        long counted = 0;
        long after = 0;
        long rejected = 0;
        for (SpecificRecord event : events) {
            if (eventTime(event).isAfter(period.cutOff())) {
                after++;
                continue;
            }
            if (check.apply(event).isPresent()) {
                rejected++;
                continue;
            }
            String code = EventHeader.of(event).creditCode();
            profiles.put(code, Profiles.fold(profiles.getOrDefault(code, Profiles.empty(code)), event).profile());
            counted++;
        }
        BatchResult result = BatchScorer.score(model, profiles, period.asOf());

        List<BatchResult.Row> ranked = result.rows().stream().filter(r -> r.card().evaluation().ranked()).toList();
        List<ReleasedCohort> cohorts = new ArrayList<>();
        result.cohorts().forEach((cohortId, members) -> cohorts.add(cohort(cohortId, members)));

        PeriodRelease release = PeriodRelease.newBuilder()
                .setPeriodId(period.id())
                .setVersion(previous == null ? 1 : previous.getVersion() + 1)
                .setAsOf(period.asOf())
                .setCutOff(period.cutOff())
                .setModelId(model.id())
                .setModelVersion(model.version())
                .setEventsCounted(counted)
                .setEventsAfterCutOff(after)
                .setEventsRejected(rejected)
                .setEnterprises(profiles.size())
                .setRanked(ranked.size())
                .setStages(stages(model, ranked))
                .setStatistics(statistics(model, ranked))
                .setCohorts(cohorts)
                .setTopN(model.topN())
                .setPreviousVersion(previous == null ? null : previous.getVersion())
                .setChanges(previous == null ? List.of() : changes(previous.getCohorts(), cohorts))
                .setDigest("")
                .build();
        release.setDigest(digestOf(release));
        return release;
    }

    /**
     * True when two releases hold the same results (inputs counted, as-of, cut-off, model, statistics, cohorts),
     * whatever their versions: re-closing a period over an unchanged log makes no new version.
     */
    public static boolean sameResults(PeriodRelease a, PeriodRelease b) {
        return neutral(a).equals(neutral(b));
    }

    private static PeriodRelease neutral(PeriodRelease r) {
        return PeriodRelease.newBuilder(r).setVersion(0).setPreviousVersion(null).setChanges(List.of()).setDigest("")
                .build();
    }

    /** The SHA-256 (lower-case hex) of the release's Avro binary encoding with {@code digest = ""}. */
    public static String digestOf(PeriodRelease release) {
        PeriodRelease unsealed = PeriodRelease.newBuilder(release).setDigest("").build();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encode(unsealed)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** True when the release's digest matches its content. */
    public static boolean verify(PeriodRelease release) {
        return digestOf(release).equals(release.getDigest());
    }

    /** The Avro binary encoding (no header, no fingerprint): the canonical bytes of a release. */
    public static byte[] encode(PeriodRelease release) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new SpecificDatumWriter<>(PeriodRelease.class).write(release, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The topic key of a release: {@code <periodId>:<version>}. */
    public static String key(String periodId, int version) {
        return periodId + ":" + version;
    }

    private static Instant eventTime(SpecificRecord event) {
        var field = event.getSchema().getField("eventTime");
        if (field == null) {
            throw new IllegalArgumentException(event.getSchema().getFullName() + " is not an input event");
        }
        Object value = event.get(field.pos());
        return value instanceof Instant i ? i : Instant.ofEpochMilli((Long) value);
    }

    private static ReleasedCohort cohort(String cohortId, List<BatchResult.Row> members) {
        List<ReleasedEntry> entries = new ArrayList<>(members.size());
        for (BatchResult.Row row : members) {
            CohortRank rank = row.rankIn(cohortId);
            entries.add(new ReleasedEntry(row.creditCode(), row.card().evaluation().name(), rank.getRank(),
                    rank.getPercentile(), rank.getTier(), row.card().totalCents(), penalised(row)));
        }
        return new ReleasedCohort(cohortId, CohortScope.scopeOf(cohortId).id(), CohortScope.stageOf(cohortId),
                entries.size(), entries);
    }

    /** Whether a penalty item takes points off the enterprise. */
    private static boolean penalised(BatchResult.Row row) {
        for (Indicator indicator : row.card().evaluation().model().indicators()) {
            if (indicator.scorer().kind().equals("penalty") && row.card().indicatorPoints(indicator.index()) < 0) {
                return true;
            }
        }
        return false;
    }

    private static List<StageShare> stages(ScoringModel model, List<BatchResult.Row> ranked) {
        List<StageShare> out = new ArrayList<>();
        for (Stage stage : model.stages()) {
            int count = (int) ranked.stream().filter(r -> r.card().evaluation().stage().id().equals(stage.id())).count();
            out.add(new StageShare(stage.id(), count, ranked.isEmpty() ? 0.0 : 100.0 * count / ranked.size()));
        }
        return out;
    }

    private static List<IndicatorStatistic> statistics(ScoringModel model, List<BatchResult.Row> ranked) {
        List<IndicatorStatistic> out = new ArrayList<>();
        for (Stage stage : model.stages()) {
            out.addAll(statistics(model, stage.id(),
                    ranked.stream().filter(r -> r.card().evaluation().stage().id().equals(stage.id())).toList()));
        }
        out.addAll(statistics(model, null, ranked));
        return out;
    }

    private static List<IndicatorStatistic> statistics(ScoringModel model, String stage, List<BatchResult.Row> rows) {
        List<IndicatorStatistic> out = new ArrayList<>();
        for (Indicator indicator : model.indicators()) {
            // rows are in credit-code order, so the sum (and its rounding) is the same on every run
            double[] values = rows.stream().mapToDouble(r -> r.card().evaluation().value(indicator.index()))
                    .filter(v -> !Double.isNaN(v)).toArray();
            Double mean = null;
            Double median = null;
            if (values.length > 0) {
                double sum = 0;
                for (double v : values) {
                    sum += v;
                }
                mean = sum / values.length;
                double[] sorted = values.clone();
                Arrays.sort(sorted);
                int mid = sorted.length / 2;
                median = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
            }
            out.add(new IndicatorStatistic(stage, indicator.id(), indicator.unit(), values.length, mean, median));
        }
        return out;
    }

    /** Per cohort id, then credit code: who was added, removed, moved, changed tier or only total. */
    static List<ReleaseChange> changes(List<ReleasedCohort> before, List<ReleasedCohort> after) {
        Map<String, Map<String, ReleasedEntry>> old = index(before);
        Map<String, Map<String, ReleasedEntry>> now = index(after);
        TreeSet<String> cohortIds = new TreeSet<>(old.keySet());
        cohortIds.addAll(now.keySet());
        List<ReleaseChange> out = new ArrayList<>();
        for (String cohortId : cohortIds) {
            Map<String, ReleasedEntry> o = old.getOrDefault(cohortId, Map.of());
            Map<String, ReleasedEntry> n = now.getOrDefault(cohortId, Map.of());
            TreeSet<String> codes = new TreeSet<>(o.keySet());
            codes.addAll(n.keySet());
            for (String code : codes) {
                ReleasedEntry a = o.get(code);
                ReleasedEntry b = n.get(code);
                ReleaseChangeKind kind;
                if (a == null) {
                    kind = ReleaseChangeKind.ADDED;
                } else if (b == null) {
                    kind = ReleaseChangeKind.REMOVED;
                } else if (a.getRank() != b.getRank()) {
                    kind = ReleaseChangeKind.MOVED;
                } else if (!a.getTier().equals(b.getTier())) {
                    kind = ReleaseChangeKind.TIER;
                } else if (a.getTotalCents() != b.getTotalCents()) {
                    kind = ReleaseChangeKind.TOTAL;
                } else {
                    continue;
                }
                out.add(new ReleaseChange(cohortId, code, kind,
                        a == null ? null : a.getRank(), b == null ? null : b.getRank(),
                        a == null ? null : a.getTier(), b == null ? null : b.getTier(),
                        a == null ? null : a.getTotalCents(), b == null ? null : b.getTotalCents()));
            }
        }
        return out;
    }

    private static Map<String, Map<String, ReleasedEntry>> index(List<ReleasedCohort> cohorts) {
        Map<String, Map<String, ReleasedEntry>> out = new TreeMap<>();
        for (ReleasedCohort c : cohorts) {
            Map<String, ReleasedEntry> members = new TreeMap<>();
            for (ReleasedEntry e : c.getMembers()) {
                members.put(e.getCreditCode(), e);
            }
            out.put(c.getCohortId(), members);
        }
        return out;
    }

    /** Top-N of a released cohort: the members with rank ≤ the release's topN. */
    public static List<ReleasedEntry> top(PeriodRelease release, ReleasedCohort cohort) {
        return cohort.getMembers().stream().filter(e -> e.getRank() <= release.getTopN()).toList();
    }
}
