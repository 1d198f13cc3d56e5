package io.innopoints.localstack.generator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.topic.EventType;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * The compact binary form of a generated event in a spilled block: arrival, order, type, flag, ids, then the record
 * in Avro binary (or, for a malformed event, its kind, reason and JSON body). One instance per stream; not
 * thread-safe (it reuses its buffers).
 */
final class SpillCodec {
    private final Map<EventType, SpecificDatumWriter<SpecificRecord>> writers = new EnumMap<>(EventType.class);
    private final Map<EventType, SpecificDatumReader<SpecificRecord>> readers = new EnumMap<>(EventType.class);
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
    private BinaryEncoder encoder;
    private BinaryDecoder decoder;
    private byte[] bytes = new byte[1024];

    @SuppressWarnings("unchecked")
    SpillCodec() {
        for (EventType type : EventType.values()) {
            Class<SpecificRecord> cls = (Class<SpecificRecord>) type.recordClass();
            writers.put(type, new SpecificDatumWriter<>(cls));
            readers.put(type, new SpecificDatumReader<>(cls));
        }
    }

    void write(GeneratedEvent e, DataOutputStream out) throws IOException {
        out.writeLong(e.arrival().toEpochMilli());
        out.writeLong(e.order());
        out.writeByte(e.type().ordinal());
        out.writeByte(e.flag().ordinal());
        writeText(e.eventId(), out);
        writeText(e.creditCode(), out);
        if (e.malformed()) {
            out.writeByte(e.malformation().kind().ordinal());
            writeText(e.malformation().reason(), out);
            writeText(e.malformation().body().toString(), out);
        } else {
            buffer.reset();
            encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
            writers.get(e.type()).write(e.record(), encoder);
            encoder.flush();
            out.writeInt(buffer.size());
            buffer.writeTo(out);
        }
    }

    /** The next event, or null at the end of the stream. */
    GeneratedEvent read(DataInputStream in) throws IOException {
        long arrival;
        try {
            arrival = in.readLong();
        } catch (EOFException end) {
            return null;
        }
        long order = in.readLong();
        EventType type = EventType.values()[in.readByte()];
        EventFlag flag = EventFlag.values()[in.readByte()];
        String eventId = readText(in);
        String creditCode = readText(in);
        if (flag == EventFlag.MALFORMED) {
            MalformedKind kind = MalformedKind.values()[in.readByte()];
            String reason = readText(in);
            ObjectNode body = (ObjectNode) AvroJson.mapper().readTree(readText(in));
            return new GeneratedEvent(type, eventId, creditCode, Instant.ofEpochMilli(arrival), order, flag, null,
                    new GeneratedEvent.Malformation(kind, reason, body));
        }
        int length = in.readInt();
        if (bytes.length < length) {
            bytes = new byte[Math.max(length, bytes.length * 2)];
        }
        in.readFully(bytes, 0, length);
        decoder = DecoderFactory.get().binaryDecoder(bytes, 0, length, decoder);
        SpecificRecord record = readers.get(type).read(null, decoder);
        return new GeneratedEvent(type, eventId, creditCode, Instant.ofEpochMilli(arrival), order, flag, record, null);
    }

    private static void writeText(String text, DataOutputStream out) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readText(DataInputStream in) throws IOException {
        byte[] utf8 = new byte[in.readInt()];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
