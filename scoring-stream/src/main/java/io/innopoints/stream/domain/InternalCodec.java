package io.innopoints.stream.domain;

import io.innopoints.schemas.internal.PendingCauses;
import io.innopoints.schemas.internal.ProfileState;
import io.innopoints.schemas.internal.PublishedBoard;
import io.innopoints.schemas.internal.PublishedBoardLine;
import io.innopoints.schemas.internal.StageHandover;
import io.innopoints.schemas.internal.StageLeave;
import io.innopoints.schemas.internal.StageMember;
import io.innopoints.schemas.internal.StageMessageRecord;
import io.innopoints.schemas.internal.StagePercentileInput;
import io.innopoints.schemas.internal.StageScore;
import io.innopoints.schemas.registry.ReleasedSchemas;
import io.innopoints.schemas.serde.CustomCoders;
import io.innopoints.scoring.evaluate.PercentileInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.commons.io.output.UnsynchronizedByteArrayOutputStream;

/**
 * The encoding of scoring-stream's internal values (the by-stage topic and the state stores other than the profile
 * facts): the Avro records of {@code schemas/src/main/avro/internal} in Avro's single-object encoding (a two-byte
 * marker, the writer schema's fingerprint, the binary body). Internal topics and stores are private to the
 * application, so no registry is involved; the decoders know every released version of each record (shipped in the
 * schemas jar), so state written by an older release is read after an upgrade, and the build's compatibility guard
 * keeps the schemas BACKWARD_TRANSITIVE like the public contract. Values in the hand-framed encoding of earlier
 * releases (a version byte 1–3 first) are still read, by {@link LegacyInternalCodec}.
 *
 * <p>Decoded ids that the rank stage holds once per member and cohort (credit code, stage, model key, indicator and
 * cohort ids) are interned: one shared copy each instead of hundreds of MiB at 500,000 enterprises.
 */
public final class InternalCodec {
    private static final Codec<StageMessageRecord> MESSAGES = new Codec<>(StageMessageRecord.getClassSchema());
    private static final Codec<StageMember> MEMBERS = new Codec<>(StageMember.getClassSchema());
    private static final Codec<ProfileState> STATES = new Codec<>(ProfileState.getClassSchema());
    private static final Codec<PublishedBoard> BOARDS = new Codec<>(PublishedBoard.getClassSchema());
    private static final Codec<PendingCauses> CAUSES = new Codec<>(PendingCauses.getClassSchema());

    private InternalCodec() {
    }

    // ---- StageMessage (by-stage topic, handover store) ----

    public static byte[] encode(StageMessage m) {
        return MESSAGES.encode(new StageMessageRecord(toRecord(m)));
    }

    public static StageMessage decodeMessage(byte[] bytes) {
        return decode(bytes, MESSAGES, r -> fromRecord(r.getMessage()), LegacyInternalCodec::decodeMessage,
                InternalCodec::interned);
    }

    // ---- Member (member stores) ----

    public static byte[] encode(Member m) {
        return MEMBERS.encode(new StageMember(toRecord(m.message()), longs(m.publishedCents()),
                m.publishedTotalCents(), m.publishedStage(), m.publishedModelKey(), m.rippleSeq(), m.pendingCauses(),
                m.awaitingSeq()));
    }

    public static Member decodeMember(byte[] bytes) {
        return decode(bytes, MEMBERS, r -> new Member(fromRecord(r.getScore()), longs(r.getPublishedCents()),
                        r.getPublishedTotalCents(), intern(r.getPublishedStage()), intern(r.getPublishedModelKey()),
                        r.getRippleSeq(), r.getPendingCauses(), r.getAwaitingSeq()),
                LegacyInternalCodec::decodeMember,
                m -> new Member(interned(m.message()), m.publishedCents(), m.publishedTotalCents(),
                        intern(m.publishedStage()), intern(m.publishedModelKey()), m.rippleSeq(), m.pendingCauses(),
                        m.awaitingSeq()));
    }

    // ---- EnterpriseState (enterprise-state store) ----

    public static byte[] encode(EnterpriseState s) {
        return STATES.encode(new ProfileState(s.seq(), s.stage(), s.modelKey(), doubles(s.values()),
                doubles(s.points()), s.nextChangeMs(), s.shadowKey(), s.shadowStage(),
                s.scoredThrough() == null ? List.of() : longs(s.scoredThrough())));
    }

    public static EnterpriseState decodeState(byte[] bytes) {
        return decode(bytes, STATES, r -> new EnterpriseState(r.getSeq(), r.getStage(), r.getModelKey(),
                        doubles(r.getValues()), doubles(r.getPoints()), r.getNextChangeMs(), r.getShadowKey(),
                        r.getShadowStage(), r.getScoredThrough().isEmpty() ? null : longs(r.getScoredThrough())),
                LegacyInternalCodec::decodeState, Function.identity());
    }

    // ---- causes (the unscored store's layout before one entry per cause; still read, see OwedCauses) ----

    public static byte[] encodeCauses(List<String> causes) {
        return CAUSES.encode(new PendingCauses(causes));
    }

    public static List<String> decodeCauses(byte[] bytes) {
        return decode(bytes, CAUSES, PendingCauses::getCauseEventIds, LegacyInternalCodec::decodeCauses,
                Function.identity());
    }

    // ---- BoardState (cohort store) ----

    public static byte[] encode(BoardState b) {
        List<PublishedBoardLine> lines = new ArrayList<>(b.lines().size());
        for (BoardState.Line l : b.lines()) {
            lines.add(new PublishedBoardLine(l.rank(), l.creditCode(), l.totalCents(), l.tier()));
        }
        return BOARDS.encode(new PublishedBoard(b.revision(), lines, b.cohortSize()));
    }

    public static BoardState decodeBoard(byte[] bytes) {
        return decode(bytes, BOARDS, r -> {
            List<BoardState.Line> lines = new ArrayList<>(r.getLines().size());
            for (PublishedBoardLine l : r.getLines()) {
                lines.add(new BoardState.Line(l.getRank(), l.getCreditCode(), l.getTotalCents(), l.getTier()));
            }
            return new BoardState(r.getRevision(), lines, r.getCohortSize());
        }, LegacyInternalCodec::decodeBoard, Function.identity());
    }

    // ---- messages ⇄ records ----

    private static Object toRecord(StageMessage m) {
        if (m instanceof StageMessage.Score s) {
            return toRecord(s);
        }
        if (m instanceof StageMessage.Leave l) {
            return new StageLeave(l.shadow(), l.changeKind(), l.creditCode(), l.stage(), l.profileSeq(), l.modelKey(),
                    l.asOfMs(), l.causeEventIds(), l.nextStage());
        }
        StageMessage.Handover h = (StageMessage.Handover) m;
        return new StageHandover(h.creditCode(), h.stage(), h.profileSeq(), h.asOfMs(), h.publishedStage(),
                h.publishedModelKey(), doubles(h.publishedPoints()), h.causeEventIds());
    }

    private static StageScore toRecord(StageMessage.Score s) {
        List<StagePercentileInput> inputs = new ArrayList<>(s.percentileInputs().size());
        for (PercentileInput p : s.percentileInputs()) {
            inputs.add(new StagePercentileInput(p.indicatorIndex(), p.indicatorId(), p.cohortId(), p.value()));
        }
        return new StageScore(s.shadow(), s.changeKind(), s.creditCode(), s.stage(), s.profileSeq(), s.modelKey(),
                s.asOfMs(), s.causeEventIds(), s.previousStage(), s.registration(), s.ranked(), doubles(s.values()),
                doubles(s.points()), inputs);
    }

    private static StageMessage fromRecord(Object record) {
        if (record instanceof StageScore s) {
            return fromRecord(s);
        }
        if (record instanceof StageLeave l) {
            return new StageMessage.Leave(l.getShadow(), l.getChangeKind(), l.getCreditCode().intern(),
                    l.getStage().intern(), l.getProfileSeq(), intern(l.getModelKey()), l.getAsOfMs(),
                    l.getCauseEventIds(), l.getNextStage());
        }
        StageHandover h = (StageHandover) record;
        return new StageMessage.Handover(h.getCreditCode(), h.getStage(), h.getProfileSeq(), h.getAsOfMs(),
                h.getPublishedStage(), h.getPublishedModelKey(), doubles(h.getPublishedPoints()),
                h.getCauseEventIds());
    }

    private static StageMessage.Score fromRecord(StageScore s) {
        List<PercentileInput> inputs = new ArrayList<>(s.getPercentileInputs().size());
        for (StagePercentileInput p : s.getPercentileInputs()) {
            inputs.add(new PercentileInput(p.getIndicatorIndex(), p.getIndicatorId().intern(),
                    p.getCohortId().intern(), p.getValue()));
        }
        return new StageMessage.Score(s.getShadow(), s.getChangeKind(), s.getCreditCode().intern(),
                s.getStage().intern(), s.getProfileSeq(), s.getModelKey().intern(), s.getAsOfMs(), s.getCauseEventIds(), s.getPreviousStage(),
                s.getRegistration(), s.getRanked(), doubles(s.getValues()), doubles(s.getPoints()), inputs);
    }

    // ---- interning (the Avro path interns as it builds; values of the legacy codec afterwards) ----

    @SuppressWarnings("unchecked")
    private static <M extends StageMessage> M interned(M m) {
        if (m instanceof StageMessage.Score s) {
            List<PercentileInput> inputs = new ArrayList<>(s.percentileInputs().size());
            for (PercentileInput p : s.percentileInputs()) {
                inputs.add(new PercentileInput(p.indicatorIndex(), p.indicatorId().intern(), p.cohortId().intern(),
                        p.value()));
            }
            return (M) new StageMessage.Score(s.shadow(), s.changeKind(), s.creditCode().intern(), s.stage().intern(),
                    s.profileSeq(), s.modelKey().intern(), s.asOfMs(), s.causeEventIds(), s.previousStage(),
                    s.registration(), s.ranked(), s.values(), s.points(), inputs);
        }
        if (m instanceof StageMessage.Leave l) {
            return (M) new StageMessage.Leave(l.shadow(), l.changeKind(), l.creditCode().intern(), l.stage().intern(),
                    l.profileSeq(), intern(l.modelKey()), l.asOfMs(), l.causeEventIds(), l.nextStage());
        }
        return m;
    }

    private static String intern(String s) {
        return s == null ? null : s.intern();
    }

    // ---- arrays: Avro's generated classes hold lists ----

    private static List<Double> doubles(double[] a) {
        return a == null ? null : new AbstractList<>() {
            @Override
            public Double get(int i) {
                return a[i];
            }

            @Override
            public int size() {
                return a.length;
            }
        };
    }

    private static double[] doubles(List<Double> list) {
        if (list == null) {
            return null;
        }
        double[] a = new double[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }

    private static List<Long> longs(long[] a) {
        return a == null ? null : new AbstractList<>() {
            @Override
            public Long get(int i) {
                return a[i];
            }

            @Override
            public int size() {
                return a.length;
            }
        };
    }

    private static long[] longs(List<Long> list) {
        if (list == null) {
            return null;
        }
        long[] a = new long[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }

    // ---- framing ----

    private static <R, T> T decode(byte[] bytes, Codec<R> codec, Function<R, T> fromRecord,
                                   Function<byte[], T> legacy, Function<T, T> internLegacy) {
        if (bytes == null) {
            return null;
        }
        return LegacyInternalCodec.matches(bytes) ? internLegacy.apply(legacy.apply(bytes))
                : fromRecord.apply(codec.decode(bytes));
    }

    /** Single-object encoder and decoder of one record type; the decoder also reads every released version. */
    private static final class Codec<R> {
        private final String name;
        private final BinaryMessageEncoder<R> encoder;
        private final BinaryMessageDecoder<R> decoder;

        Codec(Schema schema) {
            this.name = schema.getName();
            this.encoder = new BinaryMessageEncoder<>(CustomCoders.model(schema), schema);
            this.decoder = new BinaryMessageDecoder<>(SpecificData.get(), schema);
            for (Schema released : ReleasedSchemas.releasedOnClasspath(schema.getFullName())) {
                decoder.addSchema(released);
            }
        }

        byte[] encode(R record) {
            try {
                UnsynchronizedByteArrayOutputStream out = UnsynchronizedByteArrayOutputStream.builder()
                        .setBufferSize(512).get();
                encoder.encode(record, out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        R decode(byte[] bytes) {
            try {
                return decoder.decode(bytes);
            } catch (IOException | AvroRuntimeException e) {
                throw new IllegalArgumentException("cannot decode an internal " + name + ": " + e.getMessage(), e);
            }
        }
    }
}
