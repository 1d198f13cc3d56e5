package io.innopoints.sink.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.innopoints.sink.json.SinkJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a list of rows (records) as CSV with a header: one column per field in declaration order; nested values
 * (breakdowns, explanations) become a JSON text cell ({@link SinkJson}); null becomes an empty cell.
 */
final class Csv {
    private static final CsvMapper CSV = new CsvMapper();

    private Csv() {
    }

    static String write(List<?> rows, Class<?> rowType) {
        List<String> columns = new ArrayList<>();
        if (rowType.isRecord()) {
            for (var c : rowType.getRecordComponents()) {
                columns.add(c.getName());
            }
        }
        List<Map<String, String>> flat = new ArrayList<>();
        for (Object row : rows) {
            ObjectNode node = SinkJson.mapper().valueToTree(row);
            Map<String, String> cells = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                cells.put(e.getKey(), v.isNull() ? "" : v.isContainerNode() ? v.toString() : v.asText());
                if (!columns.contains(e.getKey())) {
                    columns.add(e.getKey());
                }
            }
            flat.add(cells);
        }
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        try {
            return CSV.writer(schema.build()).writeValueAsString(flat);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write CSV: " + e.getMessage(), e);
        }
    }
}
