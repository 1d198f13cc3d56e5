package io.innopoints.stream.domain;

import io.innopoints.schemas.event.EnterpriseRegistration;
import io.innopoints.schemas.score.ChangeKind;
import io.innopoints.scoring.evaluate.PercentileInput;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.commons.io.input.UnsynchronizedByteArrayInputStream;

/**
 * Reads the hand-framed encoding that scoring-stream's internal values had before {@link InternalCodec} (versions 1
 * to 3: a version byte, then fields in a fixed order), so an instance upgraded in place still reads its stores,
 * changelogs and the by-stage topic. Nothing writes it any more; remove it once no deployment holds such state
 * (docs/OPERATIONS.md, "Upgrading scoring-stream").
 */
final class LegacyInternalCodec {
    private static final byte LAST_VERSION = 3;
    private static final int SCORE = 0;
    private static final int LEAVE = 1;
    private static final int SHADOW = 2;
    private static final int SHADOW_LEAVE = 3;
    private static final int HANDOVER = 4;
    private static final SpecificDatumReader<EnterpriseRegistration> REG_READER =
            new SpecificDatumReader<>(EnterpriseRegistration.class);

    private LegacyInternalCodec() {
    }

    /** Whether {@code bytes} start with a version byte of this encoding. */
    static boolean matches(byte[] bytes) {
        return bytes.length > 0 && bytes[0] >= 1 && bytes[0] <= LAST_VERSION;
    }

    static StageMessage decodeMessage(byte[] bytes) {
        return read(bytes, LegacyInternalCodec::readMessage);
    }

    static Member decodeMember(byte[] bytes) {
        return read(bytes, (in, version) -> new Member((StageMessage.Score) readMessage(in, version), readLongs(in),
                in.readLong(), readString(in), readString(in), in.readLong(), readStrings(in),
                version >= 2 ? in.readLong() : -1));
    }

    static EnterpriseState decodeState(byte[] bytes) {
        return read(bytes, (in, version) -> new EnterpriseState(in.readLong(), readString(in), readString(in),
                readDoubles(in), readDoubles(in), in.readLong(), readString(in), readString(in), null));
    }

    static List<String> decodeCauses(byte[] bytes) {
        return read(bytes, (in, version) -> readStrings(in));
    }

    static BoardState decodeBoard(byte[] bytes) {
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

    private static StageMessage readMessage(DataInputStream in, int version) throws IOException {
        int type = in.readByte();
        String kindName = readString(in);
        ChangeKind kind = kindName == null ? null : ChangeKind.valueOf(kindName);
        String creditCode = in.readUTF();
        String stage = in.readUTF();
        long seq = in.readLong();
        String modelKey = readString(in);
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
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(in.readNBytes(regLength), null);
            registration = REG_READER.read(null, decoder);
        }
        boolean ranked = in.readBoolean();
        double[] values = readDoubles(in);
        double[] points = readDoubles(in);
        int n = in.readInt();
        List<PercentileInput> inputs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            inputs.add(new PercentileInput(in.readInt(), in.readUTF(), in.readUTF(), in.readDouble()));
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

    private interface Reader<T> {
        T read(DataInputStream in, int version) throws IOException;
    }

    private static <T> T read(byte[] bytes, Reader<T> reader) {
        try {
            DataInputStream in = new DataInputStream(
                    UnsynchronizedByteArrayInputStream.builder().setByteArray(bytes).get());
            return reader.read(in, in.readByte());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readString(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.readUTF());
        }
        return out;
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
