package io.innopoints.bench.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A benchmark's result as Markdown: a heading, the run's context (date, machine, command) as a list and the
 * measurements as a {@code | metric | value |} table, in the order they were added (pipes inside cells escaped);
 * and as JSON for tools: the same plus the raw numbers recorded with {@link #value(String, double)}.
 */
public final class Report {
    private final String title;
    private final Map<String, String> context = new LinkedHashMap<>();
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Double> values = new LinkedHashMap<>();

    public Report(String title) {
        this.title = title;
    }

    public Report context(String key, String value) {
        context.put(key, value);
        return this;
    }

    public Report row(String metric, String value) {
        rows.add(new String[] {metric, value});
        return this;
    }

    /** A raw number for the JSON form, e.g. {@code eventsPerSecond}; not shown in the Markdown. */
    public Report value(String key, double value) {
        values.put(key, value);
        return this;
    }

    /** {@code {"title", "context": {…}, "rows": [{"metric", "value"}…], "values": {…}, "notes": […]}}. */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("title", title);
        root.put("context", context);
        // Markdown emphasis is for the console; tools get the plain text
        root.put("rows", rows.stream().map(r -> Map.of("metric", plain(r[0]), "value", plain(r[1]))).toList());
        root.put("values", values);
        root.put("notes", notes);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render the report as JSON", e);
        }
    }

    /** Prints the Markdown table and writes it and the JSON where asked ({@code null} = not asked). */
    public void publish(PrintStream out, Path markdownFile, Path jsonFile) throws IOException {
        out.println();
        out.println(toMarkdown());
        if (markdownFile != null) {
            writeTo(markdownFile);
            out.println("report written to " + markdownFile);
        }
        if (jsonFile != null) {
            writeJsonTo(jsonFile);
            out.println("JSON written to " + jsonFile);
        }
    }

    /** Writes {@link #toJson()} to {@code file} (parent directories created, an existing file replaced). */
    public void writeJsonTo(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson());
    }

    public Report note(String note) {
        notes.add(note);
        return this;
    }

    public String toMarkdown() {
        StringBuilder out = new StringBuilder("### ").append(title).append("\n\n");
        context.forEach((k, v) -> out.append("- ").append(k).append(": ").append(v).append('\n'));
        out.append("\n| metric | value |\n|---|---|\n");
        for (String[] row : rows) {
            out.append("| ").append(cell(row[0])).append(" | ").append(cell(row[1])).append(" |\n");
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(n -> out.append("- ").append(n).append('\n'));
        }
        return out.toString();
    }

    /** Writes the Markdown to {@code file} (parent directories created, an existing file replaced). */
    public void writeTo(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toMarkdown());
    }

    private static String plain(String s) {
        return s.replace("**", "");
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
