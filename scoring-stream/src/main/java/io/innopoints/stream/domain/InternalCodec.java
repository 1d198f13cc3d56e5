package io.innopoints.stream.domain;

import io.innopoints.schemas.event.EnterpriseRegistration;
import io.innopoints.schemas.score.ChangeKind;
import io.innopoints.scoring.evaluate.PercentileInput;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.io.input.UnsynchronizedByteArrayInputStream;
import org.apache.commons.io.output.UnsynchronizedByteArrayOutputStream;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Binary encoding of the stream's internal values (repartition messages and store values): a version byte, then
 * fields in a fixed order; the embedded registration is Avro binary under the schema compiled into this jar.
 * Internal topics and stores are private to the application, so no registry is involved. Version 1 (before
 * HANDOVER messages) is still read: a LEAVE without a next stage, and a SCORE without a previous stage, so that it
 * waits for no HANDOVER (a version-1 LEAVE never sent one). Version 3 adds the cohort size to a published board.
 */
public final class InternalCodec {
    private static final byte VERSION = 3;
    private static final SpecificDatumWriter<EnterpriseRegistration> REG_WRITER =
            new SpecificDatumWriter<>(EnterpriseRegistration.class);
    private static final SpecificDatumReader<EnterpriseRegistration> REG_READER =
            new SpecificDatumReader<>(EnterpriseRegistration.class);

    private InternalCodec() {
    }

    // ---- StageMessage ----

    public static byte[] encode(StageMessage m) {
        return write(out -> writeMessage(out, m));
    }

    public static StageMessage decodeMessage(byte[] bytes) {
        return read(bytes, InternalCodec::readMessage);
    }

    /** Type bytes of the framing (version 1–3): SCORE, LEAVE, SHADOW, SHADOW_LEAVE, HANDOVER. */
    private static final int SCORE = 0;
    private static final int LEAVE = 1;
    private static final int SHADOW = 2;
    private static final int SHADOW_LEAVE = 3;
    private static final int HANDOVER = 4;

    private static void writeMessage(DataOutputStream out, StageMessage m) throws IOException {
        StageMessage.Score score = m instanceof StageMessage.Score s ? s : null;
        StageMessage.Leave leave = m instanceof StageMessage.Leave l ? l : null;
        StageMessage.Handover handover = m instanceof StageMessage.Handover h ? h : null;
        out.writeByte(score != null ? (score.shadow() ? SHADOW : SCORE)
                : leave != null ? (leave.shadow() ? SHADOW_LEAVE : LEAVE) : HANDOVER);
        ChangeKind kind = score != null ? score.changeKind() : leave != null ? leave.changeKind() : ChangeKind.STAGE;
        writeString(out, kind == null ? null : kind.name());
        out.writeUTF(m.creditCode());
        out.writeUTF(m.stage());
        out.writeLong(m.profileSeq());
        writeString(out, score != null ? score.modelKey() : leave != null ? leave.modelKey()
                : handover.publishedModelKey());
        out.writeLong(m.asOfMs());
        writeStrings(out, m.causeEventIds());
        writeString(out, score != null ? score.previousStage() : handover != null ? handover.publishedStage() : null);
        writeDoubles(out, handover == null ? null : handover.publishedPoints());
        writeString(out, leave == null ? null : leave.nextStage());
        if (score == null || score.registration() == null) {
            out.writeInt(-1);
        } else {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(buffer, null);
            REG_WRITER.write(score.registration(), encoder);
            encoder.flush();
            byte[] reg = buffer.toByteArray();
            out.writeInt(reg.length);
            out.write(reg);
        }
        out.writeBoolean(score != null && score.ranked());
        writeDoubles(out, score == null ? new double[0] : score.values());
        writeDoubles(out, score == null ? new double[0] : score.points());
        List<PercentileInput> inputs = score == null ? List.of() : score.percentileInputs();
        out.writeInt(inputs.size());
        for (PercentileInput p : inputs) {
            out.writeInt(p.indicatorIndex());
            out.writeUTF(p.indicatorId());
            out.writeUTF(p.cohortId());
            out.writeDouble(p.value());
        }
    }

    private static StageMessage readMessage(DataInputStream in, int version) throws IOException {
        int type = in.readByte();
        String kindName = readString(in);
        ChangeKind kind = kindName == null ? null : ChangeKind.valueOf(kindName);
        // the rank stage's indexes hold an enterprise's code once per cohort, distribution and map: one instance
        String creditCode = in.readUTF().intern();
        String stage = in.readUTF().intern();
        long seq = in.readLong();
        String modelKey = intern(readString(in));
        long asOf = in.readLong();
        List<String> causes = readStrings(in);
        String previousStage = readString(in);
        double[] previousPoints = readDoubles(in);
        String nextStage = version >= 2 ? readString(in) : null;
        if (version < 2 && type == SCORE) {
            // version 1 had no HANDOVERs: its SCOREs wait for none
            previousStage = null;
        }
        int regLength = in.readInt();
        EnterpriseRegistration registration = null;
        if (regLength >= 0) {
            byte[] reg = in.readNBytes(regLength);
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(reg, null);
            registration = REG_READER.read(null, decoder);
        }
        boolean ranked = in.readBoolean();
        double[] values = readDoubles(in);
        double[] points = readDoubles(in);
        int n = in.readInt();
        List<PercentileInput> inputs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            // indicator and cohort ids come from a small set but are held per member by the rank stage's indexes:
            // one shared copy each (hundreds of MiB at 500,000 enterprises otherwise)
            inputs.add(new PercentileInput(in.readInt(), in.readUTF().intern(), in.readUTF().intern(),
                    in.readDouble()));
        }
        switch (type) {
            case SCORE, SHADOW:
                return new StageMessage.Score(type == SHADOW, kind, creditCode, stage, seq, modelKey, asOf, causes,
                        previousStage, registration, ranked, values, points, inputs);
            case LEAVE, SHADOW_LEAVE:
                return new StageMessage.Leave(type == SHADOW_LEAVE, kind, creditCode, stage, seq, modelKey, asOf,
                        causes, nextStage);
            case HANDOVER:
                return new StageMessage.Handover(creditCode, stage, seq, asOf, previousStage, modelKey,
                        previousPoints, causes);
            default:
                throw new IllegalArgumentException("unknown stage message type " + type);
        }
    }

    private static String intern(String s) {
        return s == null ? null : s.intern();
    }

    // ---- Member ----

    public static byte[] encode(Member m) {
        return write(out -> {
            writeMessage(out, m.message());
            writeLongs(out, m.publishedCents());
            out.writeLong(m.publishedTotalCents());
            writeString(out, m.publishedStage());
            writeString(out, m.publishedModelKey());
            out.writeLong(m.rippleSeq());
            writeStrings(out, m.pendingCauses());
            out.writeLong(m.awaitingSeq());
        });
    }

    public static Member decodeMember(byte[] bytes) {
        return read(bytes, (in, version) -> new Member((StageMessage.Score) readMessage(in, version), readLongs(in),
                in.readLong(),
                intern(readString(in)), intern(readString(in)), in.readLong(), readStrings(in),
                version >= 2 ? in.readLong() : -1));
    }

    // ---- EnterpriseState ----

    public static byte[] encode(EnterpriseState s) {
        return write(out -> {
            out.writeLong(s.seq());
            writeString(out, s.stage());
            writeString(out, s.modelKey());
            writeDoubles(out, s.values());
            writeDoubles(out, s.points());
            out.writeLong(s.nextChangeMs());
            writeString(out, s.shadowKey());
            writeString(out, s.shadowStage());
        });
    }

    public static EnterpriseState decodeState(byte[] bytes) {
        return read(bytes, (in, version) -> new EnterpriseState(in.readLong(), readString(in), readString(in), readDoubles(in),
                readDoubles(in), in.readLong(), readString(in), readString(in)));
    }

    // ---- causes (unscored-store) ----

    public static byte[] encodeCauses(List<String> causes) {
        return write(out -> writeStrings(out, causes));
    }

    public static List<String> decodeCauses(byte[] bytes) {
        return read(bytes, (in, version) -> readStrings(in));
    }

    // ---- BoardState ----

    public static byte[] encode(BoardState b) {
        return write(out -> {
            out.writeLong(b.revision());
            out.writeInt(b.lines().size());
            for (BoardState.Line l : b.lines()) {
                out.writeInt(l.rank());
                out.writeUTF(l.creditCode());
                out.writeLong(l.totalCents());
                out.writeUTF(l.tier());
            }
            out.writeInt(b.cohortSize());
        });
    }

    public static BoardState decodeBoard(byte[] bytes) {
        return read(bytes, (in, version) -> {
            long revision = in.readLong();
            int n = in.readInt();
            List<BoardState.Line> lines = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                lines.add(new BoardState.Line(in.readInt(), in.readUTF(), in.readLong(), in.readUTF()));
            }
            // version 3 added the size; an older board counts as unknown size, so its next change republishes it
            return new BoardState(revision, lines, version >= 3 ? in.readInt() : -1);
        });
    }

    // ---- primitives ----

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in, int version) throws IOException;
    }

    private static byte[] write(Writer writer) {
        try {
            // unlocked: DataOutputStream writes each primitive separately, and ByteArrayOutputStream's locked write
            // per primitive was the largest self frame of the stream threads' per-commit profile
            UnsynchronizedByteArrayOutputStream bytes = UnsynchronizedByteArrayOutputStream.builder()
                    .setBufferSize(512).get();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            writer.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(byte[] bytes, Reader<T> reader) {
        if (bytes == null) {
            return null;
        }
        try {
            DataInputStream in = new DataInputStream(
                    UnsynchronizedByteArrayInputStream.builder().setByteArray(bytes).get());
            byte version = in.readByte();
            if (version < 1 || version > VERSION) {
                throw new IllegalArgumentException("unknown internal encoding version " + version);
            }
            return reader.read(in, version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String readString(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void writeStrings(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            out.writeUTF(s);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.readUTF());
        }
        return out;
    }

    private static void writeDoubles(DataOutputStream out, double[] a) throws IOException {
        if (a == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(a.length);
        for (double d : a) {
            out.writeDouble(d);
        }
    }

    private static double[] readDoubles(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readDouble();
        }
        return a;
    }

    private static void writeLongs(DataOutputStream out, long[] a) throws IOException {
        if (a == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(a.length);
        for (long d : a) {
            out.writeLong(d);
        }
    }

    private static long[] readLongs(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readLong();
        }
        return a;
    }
}
