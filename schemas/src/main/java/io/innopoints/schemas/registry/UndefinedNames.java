package io.innopoints.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Finds the type names a schema uses but never defines, to explain Avro's unhelpful "UnresolvedSchema" error. */
final class UndefinedNames {
    private static final Set<String> PRIMITIVES = Set.of("null", "boolean", "int", "long", "float", "double", "bytes",
            "string", "record", "enum", "array", "map", "fixed", "error");

    private UndefinedNames() {
    }

    /** The undefined names, quoted and comma-separated, or "(unknown)" when none can be identified. */
    static String find(String schemaText) {
        try {
            JsonNode root = new ObjectMapper().readTree(schemaText);
            Set<String> defined = new HashSet<>();
            List<String> used = new ArrayList<>();
            walk(root, null, defined, used);
            List<String> undefined = used.stream().filter(n -> !PRIMITIVES.contains(n) && !defined.contains(n))
                    .distinct().map(n -> "'" + n + "'").toList();
            return undefined.isEmpty() ? "(unknown)" : String.join(", ", undefined);
        } catch (Exception e) {
            return "(unknown)";
        }
    }

    private static void walk(JsonNode node, String namespace, Set<String> defined, List<String> used) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            used.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(n -> walk(n, namespace, defined, used));
        } else if (node.isObject()) {
            String ns = node.path("namespace").asText(namespace);
            if (node.has("name") && node.has("type") && node.path("type").isTextual()
                    && Set.of("record", "enum", "fixed", "error").contains(node.path("type").asText())) {
                String name = node.path("name").asText();
                defined.add(name);
                defined.add(name.contains(".") || ns == null || ns.isEmpty() ? name : ns + "." + name);
                defined.add(name.substring(name.lastIndexOf('.') + 1));
                node.path("fields").forEach(f -> walk(f.get("type"), ns, defined, used));
                return;
            }
            walk(node.get("type"), ns, defined, used);
            walk(node.get("items"), ns, defined, used);
            walk(node.get("values"), ns, defined, used);
        }
    }
}
