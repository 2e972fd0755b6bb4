package org.switchboard.flow.internal.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.switchboard.flow.internal.model.Setting.Kind;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Reads a flow document and checks it completely: structure, node types, settings, edges and reachability. Every
 * problem is reported with its path and node id; a flow with any problem is not returned.
 */
public final class FlowParser {

    static final String BOT_ID_PATTERN = "st-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private FlowParser() {}

    /**
     * Parses and validates one flow.
     *
     * @param json the flow document
     * @param path where it is in its file, e.g. {@code flows[0]}
     * @param problems receives every problem found
     */
    public static Optional<Flow> parse(JsonElement json, String path, List<Problem> problems) {
        int before = problems.size();
        if (json == null || !json.isJsonObject()) {
            problems.add(new Problem(path, null, "a flow must be a JSON object"));
            return Optional.empty();
        }
        JsonObject o = json.getAsJsonObject();
        String id = JsonFields.id(o, "id", path, null, problems);
        String name = JsonFields.string(o, "name", path, null, problems);
        String botId = JsonFields.string(o, "botId", path, null, problems);
        if (botId != null && !botId.matches(BOT_ID_PATTERN)) {
            problems.add(new Problem(path + ".botId", null, "'" + botId + "' is not a bot id (st-<uuid>, lower case)"));
        }
        String start = JsonFields.string(o, "start", path, null, problems);
        Map<String, Node> nodes = new LinkedHashMap<>();
        Map<String, String> nodePaths = new LinkedHashMap<>();
        JsonElement nodesJson = o.get("nodes");
        if (nodesJson == null
                || !nodesJson.isJsonArray()
                || nodesJson.getAsJsonArray().isEmpty()) {
            problems.add(new Problem(path + ".nodes", null, "a flow needs a non-empty list of nodes"));
        } else {
            JsonArray array = nodesJson.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                String nodePath = path + ".nodes[" + i + "]";
                parseNode(array.get(i), nodePath, nodes, problems).ifPresent(n -> nodePaths.put(n.id(), nodePath));
            }
        }
        if (start == null) {
            problems.add(new Problem(path + ".start", null, "missing: the id of the node a call starts at"));
        } else if (!nodes.isEmpty() && !nodes.containsKey(start)) {
            problems.add(new Problem(path + ".start", start, "no node has the id '" + start + "'"));
        }
        Map<String, AssistantSpec> assistants = assistants(o.get("assistants"), path + ".assistants", problems);
        for (Node n : nodes.values()) {
            String a = n.type() == NodeType.AUTOMATION ? n.string("assistant", null) : null;
            if (a != null && !a.isBlank() && !assistants.containsKey(a)) {
                problems.add(new Problem(
                        nodePaths.get(n.id()) + ".settings.assistant",
                        n.id(),
                        "unknown assistant '" + a
                                + "': declare it in the flow's assistants"
                                + (assistants.isEmpty()
                                        ? ""
                                        : " (declared: " + String.join(", ", assistants.keySet()) + ")")));
            }
        }
        checkEdges(nodes, nodePaths, problems);
        if (start != null && nodes.containsKey(start)) {
            checkReachable(start, nodes, nodePaths, problems);
        }
        if (problems.size() > before || id == null) {
            return Optional.empty();
        }
        return Optional.of(new Flow(
                id,
                name == null ? id : name,
                botId,
                start,
                java.util.Collections.unmodifiableMap(nodes),
                java.util.Collections.unmodifiableMap(assistants)));
    }

    /** {@code "assistants": {"<id>": {"type": "app" | "webhook" | "jambonz" | "websocket" | "llm" | "service", ...}}}; the rest is the factory's. */
    private static Map<String, AssistantSpec> assistants(JsonElement json, String path, List<Problem> problems) {
        Map<String, AssistantSpec> out = new LinkedHashMap<>();
        if (json == null || json.isJsonNull()) {
            return out;
        }
        if (!json.isJsonObject()) {
            problems.add(new Problem(
                    path,
                    null,
                    "must map assistant ids to definitions, e.g. {\"support\": " + "{\"type\": \"app\", ...}}"));
            return out;
        }
        for (Map.Entry<String, JsonElement> e : json.getAsJsonObject().entrySet()) {
            String p = path + "." + e.getKey();
            if (!e.getKey().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                problems.add(new Problem(p, null, "an assistant id is 1-64 letters, digits, '.', '_' or '-'"));
                continue;
            }
            if (!e.getValue().isJsonObject()) {
                problems.add(new Problem(p, null, "an assistant definition must be a JSON object with a type"));
                continue;
            }
            JsonObject d = e.getValue().getAsJsonObject();
            String type = JsonFields.string(d, "type", p, null, problems);
            if (type == null) {
                problems.add(new Problem(p + ".type", null, "missing: one of " + AssistantSpec.TYPES));
            } else if (!AssistantSpec.TYPES.contains(type)) {
                problems.add(new Problem(
                        p + ".type", null, "unknown assistant type '" + type + "'; known: " + AssistantSpec.TYPES));
            } else {
                out.put(e.getKey(), new AssistantSpec(e.getKey(), type, d.toString()));
            }
        }
        return out;
    }

    private static Optional<Node> parseNode(
            JsonElement json, String path, Map<String, Node> nodes, List<Problem> problems) {
        if (json == null || !json.isJsonObject()) {
            problems.add(new Problem(path, null, "a node must be a JSON object"));
            return Optional.empty();
        }
        JsonObject o = json.getAsJsonObject();
        String id = JsonFields.id(o, "id", path, null, problems);
        String typeName = JsonFields.string(o, "type", path, id, problems);
        if (id != null && nodes.containsKey(id)) {
            problems.add(new Problem(path + ".id", id, "duplicate node id"));
            return Optional.empty();
        }
        if (typeName == null) {
            problems.add(new Problem(path + ".type", id, "missing: one of " + NodeType.known()));
            return Optional.empty();
        }
        Optional<NodeType> type = NodeType.byJsonName(typeName);
        if (type.isEmpty()) {
            problems.add(new Problem(
                    path + ".type", id, "unknown node type '" + typeName + "'; known: " + NodeType.known()));
            return Optional.empty();
        }
        JsonObject settings = new JsonObject();
        JsonElement s = o.get("settings");
        if (s != null && !s.isJsonNull()) {
            if (!s.isJsonObject()) {
                problems.add(new Problem(path + ".settings", id, "settings must be a JSON object"));
            } else {
                settings = s.getAsJsonObject();
            }
        }
        int before = problems.size();
        checkSettings(type.get(), settings, path + ".settings", id, problems);
        Map<String, String> next = parseNext(o.get("next"), type.get(), path + ".next", id, problems);
        for (String key : o.keySet()) {
            if (!Set.of("id", "type", "settings", "next", "description").contains(key)) {
                problems.add(new Problem(
                        path + "." + key, id, "unknown field; a node has id, type, settings, next, description"));
            }
        }
        if (id == null || problems.size() > before) {
            return Optional.empty();
        }
        Node node = new Node(id, type.get(), settings, next);
        nodes.put(id, node);
        return Optional.of(node);
    }

    private static void checkSettings(
            NodeType type, JsonObject settings, String path, String id, List<Problem> problems) {
        for (Map.Entry<String, JsonElement> e : settings.entrySet()) {
            Optional<Setting> setting = type.setting(e.getKey());
            if (setting.isEmpty()) {
                problems.add(new Problem(
                        path + "." + e.getKey(),
                        id,
                        "unknown setting for " + type + "; known: "
                                + String.join(
                                        ", ",
                                        type.settings().stream()
                                                .map(Setting::name)
                                                .toList())));
            } else if (!hasKind(e.getValue(), setting.get().kind())) {
                problems.add(new Problem(
                        path + "." + e.getKey(),
                        id,
                        "must be " + setting.get().kind().describe()));
            }
        }
        for (Setting setting : type.settings()) {
            if (setting.required() && !settings.has(setting.name())) {
                problems.add(
                        new Problem(path + "." + setting.name(), id, "required setting of " + type + " is missing"));
            }
        }
        NodeChecks.check(type, settings, path, id, problems);
    }

    static boolean hasKind(JsonElement v, Kind kind) {
        return switch (kind) {
            case STRING -> isPrimitive(v) && v.getAsJsonPrimitive().isString();
            case BOOLEAN -> isPrimitive(v) && v.getAsJsonPrimitive().isBoolean();
            case INTEGER ->
                isPrimitive(v)
                        && v.getAsJsonPrimitive().isNumber()
                        && v.getAsBigDecimal().stripTrailingZeros().scale() <= 0;
            case STRING_LIST ->
                v.isJsonArray()
                        && v.getAsJsonArray().asList().stream()
                                .allMatch(x ->
                                        isPrimitive(x) && x.getAsJsonPrimitive().isString());
            case STRING_MAP ->
                v.isJsonObject()
                        && v.getAsJsonObject().entrySet().stream()
                                .allMatch(x -> isPrimitive(x.getValue())
                                        && x.getValue().getAsJsonPrimitive().isString());
        };
    }

    private static boolean isPrimitive(JsonElement v) {
        return v != null && v.isJsonPrimitive();
    }

    private static Map<String, String> parseNext(
            JsonElement json, NodeType type, String path, String id, List<Problem> problems) {
        Map<String, String> next = new LinkedHashMap<>();
        if (json == null || json.isJsonNull()) {
            return next;
        }
        if (!json.isJsonObject()) {
            problems.add(new Problem(path, id, "next must map outcomes to node ids, e.g. {\"done\": \"goodbye\"}"));
            return next;
        }
        for (Map.Entry<String, JsonElement> e : json.getAsJsonObject().entrySet()) {
            if (!type.outcomes().contains(e.getKey())) {
                problems.add(new Problem(
                        path + "." + e.getKey(),
                        id,
                        "unknown outcome for " + type + "; outcomes: "
                                + (type.outcomes().isEmpty()
                                        ? "none (it ends the call)"
                                        : String.join(", ", type.outcomes()))));
            } else if (!hasKind(e.getValue(), Kind.STRING)) {
                problems.add(new Problem(path + "." + e.getKey(), id, "must be a node id"));
            } else {
                next.put(e.getKey(), e.getValue().getAsString());
            }
        }
        return next;
    }

    private static void checkEdges(Map<String, Node> nodes, Map<String, String> paths, List<Problem> problems) {
        for (Node n : nodes.values()) {
            n.next().forEach((outcome, target) -> {
                if (!nodes.containsKey(target)) {
                    problems.add(new Problem(
                            paths.get(n.id()) + ".next." + outcome,
                            n.id(),
                            "dangling edge '" + outcome + "' -> '" + target + "': no such node"));
                }
            });
        }
    }

    private static void checkReachable(
            String start, Map<String, Node> nodes, Map<String, String> paths, List<Problem> problems) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            Node n = nodes.get(id);
            if (n != null && seen.add(id)) {
                todo.addAll(n.next().values());
            }
        }
        for (String id : nodes.keySet()) {
            if (!seen.contains(id)) {
                problems.add(new Problem(paths.get(id), id, "unreachable from the start node '" + start + "'"));
            }
        }
    }
}
