package org.switchboard.flow.internal.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.switchboard.flow.internal.model.Setting.Kind;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Checks of one node type's settings beyond presence and kind: ranges, combinations, headers. */
final class NodeChecks {

    private NodeChecks() {}

    private static final java.util.regex.Pattern VOICE_UTILS_CALL =
            java.util.regex.Pattern.compile("\\bvoiceUtils\\s*\\.\\s*([A-Za-z_$][A-Za-z0-9_$]*)");

    /** Every {@code voiceUtils.<name>} a script uses must be one Switchboard honours; Kore's others are named. */
    static void voiceUtils(String code, String path, String id, List<Problem> problems) {
        java.util.Set<String> reported = new java.util.HashSet<>();
        java.util.regex.Matcher m = VOICE_UTILS_CALL.matcher(code);
        while (m.find()) {
            String name = m.group(1);
            if (org.switchboard.flow.internal.script.ScriptSandbox.VOICE_UTILS.contains(name) || !reported.add(name)) {
                continue;
            }
            String why = org.switchboard.flow.internal.script.ScriptSandbox.UNSUPPORTED.get(name);
            problems.add(new Problem(
                    path,
                    id,
                    why != null
                            ? "voiceUtils." + name + " is not supported: " + why
                            : "unknown function voiceUtils." + name + "; there are "
                                    + String.join(
                                            ", ",
                                            new java.util.TreeSet<>(
                                                    org.switchboard.flow.internal.script.ScriptSandbox.VOICE_UTILS))));
        }
    }

    private static void turnTaking(JsonObject s, String path, String id, List<Problem> problems) {
        range(s, "commitSilenceMs", 0, 10_000, path, id, problems);
        range(s, "endSilenceMs", 0, 10_000, path, id, problems);
        range(s, "resumeWindowMs", 0, 10_000, path, id, problems);
    }

    static void check(NodeType type, JsonObject s, String path, String id, List<Problem> problems) {
        switch (type) {
            case MESSAGE -> {
                if (s.has("text") == s.has("audio")) {
                    problems.add(new Problem(path, id, "a message needs exactly one of 'text' or 'audio'"));
                }
                nonBlank(s, "text", path, id, problems);
                nonBlank(s, "audio", path, id, problems);
            }
            case GATHER -> {
                boolean dtmf = bool(s, "dtmf", true);
                boolean speech = bool(s, "speech", false);
                if (!dtmf && !speech) {
                    problems.add(new Problem(path, id, "a gather collects DTMF, speech or both; both are off"));
                }
                range(s, "maxDigits", 1, 64, path, id, problems);
                range(s, "noInputTimeoutMs", 100, 60_000, path, id, problems);
                range(s, "interDigitTimeoutMs", 100, 60_000, path, id, problems);
                range(s, "retries", 0, 10, path, id, problems);
                turnTaking(s, path, id, problems);
                if (has(s, "terminator", Kind.STRING)
                        && !s.get("terminator").getAsString().matches("[0-9*#]")) {
                    problems.add(new Problem(path + ".terminator", id, "must be one DTMF key: 0-9, * or #"));
                }
                nonBlank(s, "variable", path, id, problems);
            }
            case AUTOMATION -> {
                nonBlank(s, "assistant", path, id, problems);
                range(s, "turnTimeoutMs", 100, 120_000, path, id, problems);
                range(s, "maxTurns", 1, 10_000, path, id, problems);
                turnTaking(s, path, id, problems);
            }
            case CONDITION -> nonBlank(s, "expression", path, id, problems);
            case SCRIPT -> {
                nonBlank(s, "code", path, id, problems);
                range(s, "timeoutMs", 1, 10_000, path, id, problems);
                if (has(s, "code", Kind.STRING)) {
                    voiceUtils(s.get("code").getAsString(), path + ".code", id, problems);
                }
            }
            case AGENT_TRANSFER -> {
                String method = has(s, "method", Kind.STRING) ? s.get("method").getAsString() : null;
                if (method != null && !Set.of("bye", "refer").contains(method)) {
                    problems.add(new Problem(
                            path + ".method", id, "must be 'bye' or 'refer' (or absent: the trunk's default)"));
                }
                if ("refer".equals(method) && !has(s, "target", Kind.STRING)) {
                    problems.add(new Problem(
                            path + ".target", id, "a REFER transfer needs a target: a number or a SIP URI"));
                }
                nonBlank(s, "target", path, id, problems);
                headers(s, path, id, problems);
            }
            case HANGUP -> headers(s, path, id, problems);
            case WAIT -> range(s, "ms", 0, 600_000, path, id, problems);
            default -> {}
        }
    }

    private static void headers(JsonObject s, String path, String id, List<Problem> problems) {
        if (has(s, "headers", Kind.STRING_MAP)) {
            Map<String, String> h = new LinkedHashMap<>();
            s.getAsJsonObject("headers")
                    .entrySet()
                    .forEach(e -> h.put(e.getKey(), e.getValue().getAsString()));
            HeaderRules.check(h, path + ".headers", id, problems);
        }
    }

    private static boolean has(JsonObject s, String name, Kind kind) {
        JsonElement v = s.get(name);
        return v != null && FlowParser.hasKind(v, kind);
    }

    private static boolean bool(JsonObject s, String name, boolean fallback) {
        return has(s, name, Kind.BOOLEAN) ? s.get(name).getAsBoolean() : fallback;
    }

    private static void nonBlank(JsonObject s, String name, String path, String id, List<Problem> problems) {
        if (has(s, name, Kind.STRING) && s.get(name).getAsString().isBlank()) {
            problems.add(new Problem(path + "." + name, id, "must not be empty"));
        }
    }

    private static void range(
            JsonObject s, String name, long min, long max, String path, String id, List<Problem> problems) {
        if (has(s, name, Kind.INTEGER)) {
            long v = s.get(name).getAsLong();
            if (v < min || v > max) {
                problems.add(new Problem(path + "." + name, id, v + " is out of range " + min + "-" + max));
            }
        }
    }
}
