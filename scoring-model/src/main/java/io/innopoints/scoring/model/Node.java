package io.innopoints.scoring.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.innopoints.schemas.validation.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A position in a parsed model document: its JSON/YAML tree, its path (e.g. {@code indicators[7].scorer}) and the
 * shared list of problems. Accessors never throw: a missing or malformed value adds a {@link Problem} naming the
 * path and returns a fallback, so loading reports every problem at once. Keys read through an object node are
 * remembered; {@link #rejectUnknownKeys()} reports the others.
 */
public final class Node {
    private final JsonNode json;
    private final String path;
    private final List<Problem> problems;
    private final Set<String> read = new HashSet<>();

    public Node(JsonNode json, String path, List<Problem> problems) {
        this.json = json;
        this.path = path;
        this.problems = problems;
    }

    public String path() {
        return path;
    }

    public JsonNode json() {
        return json;
    }

    public List<Problem> problems() {
        return problems;
    }

    public void problem(String reason) {
        problems.add(new Problem(path.isEmpty() ? "$" : path, reason));
    }

    public void problem(String key, String reason) {
        problems.add(new Problem(childPath(key), reason));
    }

    public boolean isMissing() {
        return json == null || json.isMissingNode() || json.isNull();
    }

    public boolean isObject() {
        return json != null && json.isObject();
    }

    public boolean isText() {
        return json != null && json.isTextual();
    }

    public boolean has(String key) {
        read.add(key);
        return json != null && json.isObject() && json.has(key) && !json.get(key).isNull();
    }

    public Node get(String key) {
        read.add(key);
        JsonNode child = json != null && json.isObject() ? json.get(key) : null;
        return new Node(child, childPath(key), problems);
    }

    /** A required object child; reports it when missing or not an object. */
    public Node object(String key) {
        Node child = get(key);
        if (child.isMissing()) {
            child.problem("is required");
        } else if (!child.isObject()) {
            child.problem("must be a mapping, got " + describe(child.json));
        }
        return child;
    }

    /** The elements of a list child; empty (with a problem when required) when missing or not a list. */
    public List<Node> list(String key, boolean required) {
        Node child = get(key);
        if (child.isMissing()) {
            if (required) {
                child.problem("is required");
            }
            return List.of();
        }
        if (!child.json.isArray()) {
            child.problem("must be a list, got " + describe(child.json));
            return List.of();
        }
        List<Node> items = new ArrayList<>();
        for (int i = 0; i < child.json.size(); i++) {
            items.add(new Node(child.json.get(i), child.path + "[" + i + "]", problems));
        }
        return items;
    }

    /** Entries of a mapping child in document order; empty when missing (with a problem when required). */
    public Map<String, Node> entries(String key, boolean required) {
        Node child = get(key);
        if (child.isMissing()) {
            if (required) {
                child.problem("is required");
            }
            return Map.of();
        }
        return child.entries();
    }

    /** Entries of this mapping node in document order. */
    public Map<String, Node> entries() {
        if (!isObject()) {
            problem("must be a mapping, got " + describe(json));
            return Map.of();
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), new Node(e.getValue(), childPath(e.getKey()), problems));
        }
        return out;
    }

    public String text(String key) {
        Node child = get(key);
        if (child.isMissing()) {
            child.problem("is required");
            return null;
        }
        return child.asText();
    }

    /** Optional text; a malformed value is reported and the fallback returned. */
    public String text(String key, String fallback) {
        Node child = get(key);
        if (child.isMissing()) {
            return fallback;
        }
        String text = child.asText();
        return text == null ? fallback : text;
    }

    /** This node as text (numbers are accepted and printed, e.g. a version {@code 2024.1}). */
    public String asText() {
        if (isMissing()) {
            problem("is required");
            return null;
        }
        if (json.isTextual() || json.isNumber() || json.isBoolean()) {
            String text = json.asText();
            if (text.isBlank()) {
                problem("must not be blank");
                return null;
            }
            return text;
        }
        problem("must be text, got " + describe(json));
        return null;
    }

    public double number(String key, double fallback) {
        Node child = get(key);
        return child.isMissing() ? fallback : child.asNumber(fallback);
    }

    public double requiredNumber(String key) {
        Node child = get(key);
        if (child.isMissing()) {
            child.problem("is required");
            return Double.NaN;
        }
        return child.asNumber(Double.NaN);
    }

    public double asNumber(double fallback) {
        if (json != null && json.isNumber() && Double.isFinite(json.doubleValue())) {
            return json.doubleValue();
        }
        problem("must be a number, got " + describe(json));
        return fallback;
    }

    public int integer(String key, int fallback) {
        Node child = get(key);
        if (child.isMissing()) {
            return fallback;
        }
        if (child.json.isIntegralNumber() && child.json.canConvertToInt()) {
            return child.json.intValue();
        }
        child.problem("must be a whole number, got " + describe(child.json));
        return fallback;
    }

    public boolean bool(String key, boolean fallback) {
        Node child = get(key);
        if (child.isMissing()) {
            return fallback;
        }
        if (child.json.isBoolean()) {
            return child.json.booleanValue();
        }
        child.problem("must be true or false, got " + describe(child.json));
        return fallback;
    }

    /** A list of enum symbols, or {@code fallback} when absent; each bad symbol is reported. */
    public <E extends Enum<E>> List<E> enums(String key, Class<E> type, List<E> fallback) {
        Node child = get(key);
        if (child.isMissing()) {
            return fallback;
        }
        List<Node> items;
        if (child.json.isArray()) {
            items = list(key, false);
        } else {
            items = List.of(child);
        }
        List<E> out = new ArrayList<>();
        for (Node item : items) {
            E value = item.asEnum(type);
            if (value != null && !out.contains(value)) {
                out.add(value);
            }
        }
        return List.copyOf(out);
    }

    public <E extends Enum<E>> E asEnum(Class<E> type) {
        String text = asText();
        if (text == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        problem("must be one of " + Arrays.toString(type.getEnumConstants()) + ", got \"" + text + "\"");
        return null;
    }

    /** Reports when {@code name} (e.g. a mapping key) is not a symbol of {@code type}. */
    public <E extends Enum<E>> void asEnumName(Class<E> type, String name) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return;
            }
        }
        problem("\"" + name + "\" is not one of " + Arrays.toString(type.getEnumConstants()));
    }

    /** A list of strings (a single string is accepted as a one-element list), or {@code fallback} when absent. */
    public List<String> texts(String key, List<String> fallback) {
        Node child = get(key);
        if (child.isMissing()) {
            return fallback;
        }
        List<Node> items = child.json.isArray() ? list(key, false) : List.of(child);
        List<String> out = new ArrayList<>();
        for (Node item : items) {
            String text = item.asText();
            if (text != null && !out.contains(text)) {
                out.add(text);
            }
        }
        return List.copyOf(out);
    }

    /** Reports keys of this mapping that no accessor asked for (typos such as {@code wieghts}). */
    public void rejectUnknownKeys() {
        if (!isObject()) {
            return;
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!read.contains(name)) {
                problems.add(new Problem(childPath(name), "unknown key"));
            }
        }
    }

    private String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isTextual()) {
            String t = node.textValue();
            return "\"" + (t.length() > 40 ? t.substring(0, 37) + "..." : t) + "\"";
        }
        return node.toString();
    }
}
