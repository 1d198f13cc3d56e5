package io.innopoints.ingest.bulk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The durable progress of one bulk load: every line up to {@code lastLine} is acknowledged (accepted or dead-lettered),
 * with the counts so far and the error report's length at that point; {@code scanFrom} holds, per topic and partition,
 * the offset from which anything this load wrote after the checkpoint must lie (so a resumed run can find it).
 * Written atomically (temp file + rename) after every acknowledged batch.
 */
public record Checkpoint(String loadId, String type, String file, long fileSize, long lastLine, long accepted,
                         long duplicates, long rejected, long errorReportBytes, boolean complete,
                         Map<String, Map<Integer, Long>> scanFrom) {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    public Checkpoint {
        Map<String, Map<Integer, Long>> copy = new TreeMap<>();
        scanFrom.forEach((topic, offsets) -> copy.put(topic, Map.copyOf(new TreeMap<>(offsets))));
        scanFrom = Map.copyOf(copy);
    }

    public static Checkpoint read(Path path) throws IOException {
        return MAPPER.readValue(path.toFile(), Checkpoint.class);
    }

    public void write(Path path) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
