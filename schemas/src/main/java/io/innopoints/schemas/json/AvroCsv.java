package io.innopoints.schemas.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.innopoints.schemas.validation.Problem;
import io.innopoints.schemas.validation.Validated;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * CSV (RFC 4180) ↔ Avro specific records of flat schemas (the five input events): the bulk-file twin of
 * {@link AvroJson}. The header row names the schema's fields in any order; each further row is one record.
 * Cells hold AvroJson's plain values as text: dates {@code YYYY-MM-DD}, timestamps ISO-8601 with offset or
 * epoch millis, enums their symbol, numbers in decimal. An empty cell is null (so CSV cannot carry an empty
 * string); a column that is absent from the header takes the field's default, as a missing JSON field does.
 *
 * <p>Reading streams: {@link #reader(Reader, Class)} checks the header, then yields one {@link Row} at a time
 * with the 1-based line on which the row starts and either the record or every problem, each naming the column
 * (= field) and the reason. Cell values are converted by {@link AvroJson#read(JsonNode, Class)}, so both formats
 * accept and reject exactly the same values with the same messages.
 */
public final class AvroCsv {
    private static final CsvFactory FACTORY = CsvFactory.builder()
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .disable(CsvParser.Feature.ALLOW_TRAILING_COMMA)
            .disable(CsvParser.Feature.TRIM_SPACES)
            .build();

    private AvroCsv() {
    }

    /** One data row: the line it starts on (the header is line 1) and the record or its problems. */
    public record Row<T>(long line, Validated<T> record) {
    }

    /** The header of {@code type}: its field names in schema order. */
    public static List<String> header(Class<? extends SpecificRecord> type) {
        return SpecificData.get().getSchema(type).getFields().stream().map(Schema.Field::name).toList();
    }

    /**
     * The cells of a record in schema order (null for a null field): AvroJson's plain values as text. Exposed so
     * that tools can write deliberately broken rows next to good ones.
     */
    public static List<String> cells(SpecificRecord record) {
        return cells(AvroJson.write(record), record.getSchema());
    }

    /** The cells for a plain-JSON object in the order of {@code schema}'s fields; absent or null members are null. */
    public static List<String> cells(ObjectNode plain, Schema schema) {
        List<String> cells = new ArrayList<>(schema.getFields().size());
        for (Schema.Field field : schema.getFields()) {
            JsonNode value = plain.get(field.name());
            cells.add(value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString());
        }
        return cells;
    }

    /** Formats one row as RFC 4180 text ending in a line feed; null and empty cells are written empty. */
    public static String formatRow(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            String cell = cells.get(i);
            if (cell == null || cell.isEmpty()) {
                continue;
            }
            if (needsQuotes(cell)) {
                line.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                line.append(cell);
            }
        }
        return line.append('\n').toString();
    }

    /**
     * Opens a streaming reader: reads and checks the header row, then yields rows on demand. An invalid header
     * (unknown, duplicate or missing required column; no header at all) gives the problems, each naming the column.
     * The caller closes the returned reader (which closes {@code in}).
     */
    public static <T extends SpecificRecord> Validated<RowReader<T>> reader(Reader in, Class<T> type) {
        Schema schema = SpecificData.get().getSchema(type);
        CsvParser parser;
        List<String> header;
        try {
            parser = (CsvParser) FACTORY.createParser(in);
            long[] line = new long[1];
            header = nextRow(parser, line);
        } catch (IOException e) {
            closeQuietly(in);
            return Validated.invalid("$", describe(e));
        }
        if (header == null || header.size() == 1 && (header.get(0) == null || header.get(0).isEmpty())) {
            closeQuietly(parser);
            return Validated.invalid("$", "file is empty: expected a header row " + String.join(",", header(type)));
        }
        List<Problem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Schema.Field> columns = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i) == null ? "" : header.get(i);
            if (i == 0 && name.startsWith("\uFEFF")) {
                // spreadsheet exports start UTF-8 files with a byte-order mark
                name = name.substring(1);
            }
            Schema.Field field = schema.getField(name);
            if (name.isEmpty()) {
                problems.add(new Problem("$", "header column " + (i + 1) + " is empty"));
            } else if (field == null) {
                problems.add(new Problem(name, "unknown column (header column " + (i + 1) + ")"));
            } else if (!seen.add(name)) {
                problems.add(new Problem(name, "duplicate column (header column " + (i + 1) + ")"));
            }
            columns.add(field);
        }
        for (Schema.Field field : schema.getFields()) {
            if (!seen.contains(field.name()) && !field.hasDefaultValue()) {
                problems.add(new Problem(field.name(), "required column is missing from the header"));
            }
        }
        if (!problems.isEmpty()) {
            closeQuietly(parser);
            return Validated.invalid(problems);
        }
        return Validated.ok(new RowReader<>(parser, columns, type));
    }

    /** Opens a writer that writes the header row of {@code type} at once; the caller closes it (which closes {@code out}). */
    public static <T extends SpecificRecord> RowWriter<T> writer(Writer out, Class<T> type) {
        return new RowWriter<>(out, type);
    }

    /** Converts one row's cells (positioned as {@code columns}) to a record, or lists every problem. */
    static <T extends SpecificRecord> Validated<T> convert(List<String> cells, List<Schema.Field> columns, Class<T> type) {
        List<Problem> problems = new ArrayList<>();
        if (cells.size() > columns.size()) {
            problems.add(new Problem("$", "row has " + cells.size() + " cells but the header has " + columns.size() + " columns"));
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < columns.size(); i++) {
            Schema.Field field = columns.get(i);
            if (i >= cells.size()) {
                problems.add(new Problem(field.name(), "is missing: the row ends after " + cells.size() + " of "
                        + columns.size() + " cells"));
                continue;
            }
            String cell = cells.get(i);
            if ((cell == null || cell.isEmpty()) && field.hasDefaultValue()) {
                continue; // absent in JSON terms: AvroJson applies the field's default
            }
            node.set(field.name(), toNode(cell, field.schema()));
        }
        if (!problems.isEmpty()) {
            return Validated.invalid(problems);
        }
        return AvroJson.read(node, type);
    }

    /** A cell as the JSON value AvroJson expects for {@code schema}; unparseable text stays text so AvroJson names it. */
    private static JsonNode toNode(String cell, Schema schema) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (cell == null || cell.isEmpty()) {
            return f.nullNode();
        }
        Schema branch = schema;
        if (schema.getType() == Schema.Type.UNION) {
            branch = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElse(schema);
        }
        if (branch.getLogicalType() instanceof LogicalTypes.Date) {
            return f.textNode(cell);
        }
        return switch (branch.getType()) {
            case INT, LONG, DOUBLE, FLOAT -> {
                if (cell.length() > NumberLiterals.MAX_MAGNITUDE || NumberLiterals.absurd(cell.trim())) {
                    // no field holds such a number; converting it could take seconds (a million digits)
                    yield f.textNode(cell);
                }
                try {
                    yield f.numberNode(new BigInteger(cell));
                } catch (NumberFormatException notWhole) {
                    try {
                        yield f.numberNode(new BigDecimal(cell));
                    } catch (NumberFormatException notNumber) {
                        yield f.textNode(cell);
                    }
                }
            }
            case BOOLEAN -> "true".equals(cell) ? f.booleanNode(true) : "false".equals(cell) ? f.booleanNode(false) : f.textNode(cell);
            default -> f.textNode(cell);
        };
    }

    private static boolean needsQuotes(String cell) {
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        // keep leading/trailing blanks visible to readers that trim
        return Character.isWhitespace(cell.charAt(0)) || Character.isWhitespace(cell.charAt(cell.length() - 1));
    }

    /** The next row's cells, or null at the end; {@code line[0]} receives the 1-based line the row starts on. */
    private static List<String> nextRow(CsvParser parser, long[] line) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            return null;
        }
        if (token != JsonToken.START_ARRAY) {
            throw new IllegalStateException("CSV parser produced " + token + " instead of a row");
        }
        List<String> cells = new ArrayList<>();
        for (token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == null) {
                break;
            }
            if (cells.isEmpty()) {
                // the row's START_ARRAY carries the previous row's position; its first cell knows where the row starts
                line[0] = parser.currentTokenLocation().getLineNr();
            }
            cells.add(token == JsonToken.VALUE_NULL ? null : parser.getText());
        }
        return cells;
    }

    private static String describe(IOException e) {
        if (e instanceof JsonProcessingException p) {
            JsonLocation at = p.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return "malformed CSV" + where + ": " + p.getOriginalMessage();
        }
        return "unreadable CSV: " + e.getMessage();
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing useful to report: the input was already being abandoned
        }
    }

    /**
     * Rows of one CSV input, read lazily (constant memory). A syntax error the parser cannot recover from (an
     * unterminated quote) ends the input with one last invalid row naming the line.
     */
    public static final class RowReader<T extends SpecificRecord> implements Iterator<Row<T>>, Closeable {
        private final CsvParser parser;
        private final List<Schema.Field> columns;
        private final Class<T> type;
        private Row<T> next;
        private boolean done;

        private RowReader(CsvParser parser, List<Schema.Field> columns, Class<T> type) {
            this.parser = parser;
            this.columns = columns;
            this.type = type;
        }

        /** The fields in header order. */
        public List<String> columns() {
            return columns.stream().map(Schema.Field::name).toList();
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                next = advance();
            }
            return next != null;
        }

        @Override
        public Row<T> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row<T> row = next;
            next = null;
            return row;
        }

        private Row<T> advance() {
            long[] line = {parser.currentLocation().getLineNr()};
            try {
                List<String> cells = nextRow(parser, line);
                if (cells == null) {
                    done = true;
                    return null;
                }
                return new Row<>(line[0], convert(cells, columns, type));
            } catch (IOException e) {
                done = true;
                long at = e instanceof JsonProcessingException p && p.getLocation() != null ? p.getLocation().getLineNr() : line[0];
                return new Row<>(at, Validated.invalid("$", describe(e)));
            }
        }

        @Override
        public void close() throws IOException {
            parser.close();
        }
    }

    /** Writes records of one type as CSV rows under a header; buffered by the caller's {@link Writer}. */
    public static final class RowWriter<T extends SpecificRecord> implements Closeable {
        private final Writer out;
        private final Schema schema;

        private RowWriter(Writer out, Class<T> type) {
            this.out = out;
            this.schema = SpecificData.get().getSchema(type);
            writeCells(header(type));
        }

        /** Writes one record; returns the text written (one physical line unless a value contains a line break). */
        public String write(T record) {
            return writeCells(cells(AvroJson.write(record), schema));
        }

        /** Writes raw cells as they are (e.g. a deliberately malformed row). */
        public String writeCells(List<String> cells) {
            String text = formatRow(cells);
            try {
                out.write(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return text;
        }

        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
