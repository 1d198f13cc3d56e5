package io.innopoints.bench.scoring;

import io.innopoints.bench.harness.Machine;
import io.innopoints.bench.harness.Report;
import io.innopoints.schemas.score.ChangeKind;
import io.innopoints.schemas.score.CohortRank;
import io.innopoints.schemas.score.DimensionScore;
import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.schemas.score.Explanation;
import io.innopoints.schemas.score.IndicatorDelta;
import io.innopoints.schemas.score.IndicatorScore;
import io.innopoints.schemas.score.RankingChange;
import io.innopoints.schemas.score.RankingChangeKind;
import io.innopoints.schemas.serde.CustomCoders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The CPU of encoding scoring-stream's two largest outputs, {@code EnterpriseScore} and {@code RankingChange}, with
 * Avro's default specific writer (the baseline) and with {@link CustomCoders}' writer (what the serializer uses),
 * side by side in one JVM: rounds alternate between the two, the median round of each is reported, and their ratio.
 * The records are shaped like a catch-up's first publications (every indicator, a delta for each, {@code --causes}
 * cause eventIds) or, with {@code --causes 1}, like live ones. No broker: the encoding alone.
 */
@Command(name = "OutputEncodingBench", mixinStandardHelpOptions = true,
        description = "Encoding CPU of enterprise scores and ranking changes: Avro's default writer against the custom coders.")
public final class OutputEncodingBench implements Callable<Integer> {
    @Option(names = "--records", defaultValue = "20000", description = "Scores per round, and 3 ranking changes each (default: ${DEFAULT-VALUE}).")
    int records;
    @Option(names = "--rounds", defaultValue = "15", description = "Measured rounds per writer (default: ${DEFAULT-VALUE}).")
    int rounds;
    @Option(names = "--indicators", defaultValue = "20", description = "Indicators per score (default: ${DEFAULT-VALUE}).")
    int indicators;
    @Option(names = "--causes", defaultValue = "27", description = "Cause eventIds per explanation (a national catch-up's average; default: ${DEFAULT-VALUE}).")
    int causes;
    @Option(names = "--json", description = "Also write the report as JSON.")
    Path json;

    public static void main(String[] args) {
        System.exit(new CommandLine(new OutputEncodingBench()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        Random random = new Random(42);
        List<EnterpriseScore> scores = new ArrayList<>();
        List<RankingChange> changes = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            EnterpriseScore score = score(random, i);
            scores.add(score);
            for (int c = 0; c < 3; c++) {
                changes.add(change(score, c));
            }
        }
        Side avro = new Side(new SpecificDatumWriter<>(EnterpriseScore.getClassSchema()),
                new SpecificDatumWriter<>(RankingChange.getClassSchema()));
        Side custom = new Side(CustomCoders.writer(EnterpriseScore.getClassSchema()),
                CustomCoders.writer(RankingChange.getClassSchema()));
        if (!Arrays.equals(avro.bytes(scores.get(0)), custom.bytes(scores.get(0)))
                || !Arrays.equals(avro.bytes(changes.get(0)), custom.bytes(changes.get(0)))) {
            throw new IllegalStateException("the two writers encode differently");
        }
        int warmup = 5;
        long[][] avroNanos = new long[2][rounds];
        long[][] customNanos = new long[2][rounds];
        for (int round = -warmup; round < rounds; round++) {
            long[] a = avro.round(scores, changes);
            long[] c = custom.round(scores, changes);
            if (round >= 0) {
                for (int k = 0; k < 2; k++) {
                    avroNanos[k][round] = a[k];
                    customNanos[k][round] = c[k];
                }
            }
        }
        double avroScore = median(avroNanos[0]) / records;
        double customScore = median(customNanos[0]) / records;
        double avroChange = median(avroNanos[1]) / (3.0 * records);
        double customChange = median(customNanos[1]) / (3.0 * records);
        long scoreBytes = avro.bytes(scores.get(0)).length;
        long changeBytes = avro.bytes(changes.get(0)).length;
        Report report = new Report("OutputEncodingBench — " + records + " scores, " + 3 * records + " ranking changes")
                .context("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .context("machine", Machine.describe())
                .context("commit", System.getProperty("bench.commit", "unknown"))
                .context("command", "bench/run.sh OutputEncodingBench --records " + records + " --rounds " + rounds
                        + " --indicators " + indicators + " --causes " + causes)
                .row("record sizes", String.format("score %,d bytes (%d indicators, %d causes), ranking change %,d bytes",
                        scoreBytes, indicators, causes, changeBytes))
                .row("EnterpriseScore: Avro's default writer / custom coders / ratio",
                        String.format("%,.0f / %,.0f ns / **%.2f**", avroScore, customScore, customScore / avroScore))
                .row("RankingChange: Avro's default writer / custom coders / ratio",
                        String.format("%,.0f / %,.0f ns / **%.2f**", avroChange, customChange, customChange / avroChange))
                .value("scoreBytes", scoreBytes)
                .value("changeBytes", changeBytes)
                .value("scoreNanosAvro", avroScore)
                .value("scoreNanosCustom", customScore)
                .value("changeNanosAvro", avroChange)
                .value("changeNanosCustom", customChange)
                .note("Median of " + rounds + " alternating rounds after " + warmup + " warm-up rounds each; one thread; "
                        + "encoding into a reused buffered encoder, no framing or broker.");
        report.publish(System.out, null, json);
        return 0;
    }

    private EnterpriseScore score(Random random, int i) {
        List<IndicatorScore> scored = new ArrayList<>();
        List<IndicatorDelta> deltas = new ArrayList<>();
        for (int k = 0; k < indicators; k++) {
            double points = Math.round(random.nextDouble() * 1_000) / 100.0;
            scored.add(new IndicatorScore("ind-" + k, "dim-" + k % 4, k % 5 == 0 ? null : random.nextDouble() * 100,
                    k % 2 == 0 ? "count" : "ratio", points));
            deltas.add(new IndicatorDelta("ind-" + k, 0.0, points, points));
        }
        List<DimensionScore> dimensions = new ArrayList<>();
        for (int d = 0; d < 4; d++) {
            dimensions.add(new DimensionScore("dim-" + d, random.nextDouble() * 30));
        }
        List<String> causeIds = new ArrayList<>();
        for (int c = 0; c < causes; c++) {
            causeIds.add(new UUID(random.nextLong(), random.nextLong()).toString());
        }
        List<CohortRank> ranks = List.of(
                new CohortRank("zone", "zone:440300|startup", 1 + random.nextInt(5_000), 5_000, 0.5, "B"),
                new CohortRank("national", "national|startup", 1 + random.nextInt(365_000), 365_000, 0.5, "C"));
        String code = String.format("91440300%09dX", i);
        return new EnterpriseScore(code, "深圳创新科技有限公司" + i, "440300", "C39", "zone-20n", "2026.1",
                Instant.ofEpochMilli(1_780_000_000_000L + i), (long) i << 32, "startup", true, 61.25, dimensions, scored,
                ranks, new Explanation(ChangeKind.DATA, causeIds, null, null, null, deltas));
    }

    private static RankingChange change(EnterpriseScore score, int c) {
        Explanation e = score.getExplanation();
        Explanation forChange = new Explanation(e.getKind(), e.getCauseEventIds(), e.getPreviousTotal(),
                e.getPreviousStage(), e.getPreviousModelVersion(), e.getIndicatorDeltas().subList(0, 3));
        CohortRank rank = score.getRanks().get(c % score.getRanks().size());
        return new RankingChange(UUID.nameUUIDFromBytes((score.getCreditCode() + c).getBytes()).toString(),
                score.getCreditCode(), score.getName(), rank.getCohortId(), rank.getScope(), score.getStage(),
                RankingChangeKind.JOINED, null, rank.getRank(), null, score.getTotal(), null, rank.getTier(), 20, null,
                null, score.getModelVersion(), score.getAsOf(), forChange);
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** One writer pair with its own reused buffer and encoder. */
    private static final class Side {
        private final DatumWriter<EnterpriseScore> scores;
        private final DatumWriter<RankingChange> changes;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(4_096);
        private BinaryEncoder encoder;
        /** Keeps the JIT from dropping the work. */
        private long sink;

        Side(DatumWriter<EnterpriseScore> scores, DatumWriter<RankingChange> changes) {
            this.scores = scores;
            this.changes = changes;
        }

        /** Nanoseconds to encode every score, then every change. */
        long[] round(List<EnterpriseScore> all, List<RankingChange> allChanges) throws IOException {
            long start = System.nanoTime();
            for (EnterpriseScore s : all) {
                sink += encode(scores, s);
            }
            long middle = System.nanoTime();
            for (RankingChange c : allChanges) {
                sink += encode(changes, c);
            }
            return new long[] {middle - start, System.nanoTime() - middle};
        }

        byte[] bytes(Object record) throws IOException {
            out.reset();
            encoder = EncoderFactory.get().binaryEncoder(out, encoder);
            if (record instanceof EnterpriseScore s) {
                scores.write(s, encoder);
            } else {
                changes.write((RankingChange) record, encoder);
            }
            encoder.flush();
            return out.toByteArray();
        }

        private <T> int encode(DatumWriter<T> writer, T record) throws IOException {
            out.reset();
            encoder = EncoderFactory.get().binaryEncoder(out, encoder);
            writer.write(record, encoder);
            encoder.flush();
            return out.size();
        }
    }
}
