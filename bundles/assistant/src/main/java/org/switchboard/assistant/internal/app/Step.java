package org.switchboard.assistant.internal.app;

import static org.switchboard.assistant.internal.app.Definition.bad;
import static org.switchboard.assistant.internal.app.Definition.integer;
import static org.switchboard.assistant.internal.app.Definition.object;
import static org.switchboard.assistant.internal.app.Definition.only;
import static org.switchboard.assistant.internal.app.Definition.string;
import static org.switchboard.assistant.internal.app.Definition.stringMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** One step of a dialog task; text and header values may use {@code {{context.name}}} templates. */
sealed interface Step {

    /** Say text. */
    record Say(String text) implements Step {}

    /** Ask for an entity into a variable, with validation and retries. */
    record Ask(
            String variable,
            Entity entity,
            String prompt,
            String retryPrompt,
            int retries,
            int minLength,
            int maxLength)
            implements Step {}

    /** Set context variables. */
    record SetValues(Map<String, String> values) implements Step {}

    /** Look a value up in a table into a variable. */
    record Lookup(String key, String into, Map<String, String> table, String fallback) implements Step {}

    /** Go to another task (or {@code menu}) by the value of a variable. */
    record Branch(String variable, Map<String, String> cases, String otherwise) implements Step {
        List<String> targets() {
            List<String> t = new ArrayList<>(cases.values());
            if (otherwise != null) {
                t.add(otherwise);
            }
            return t;
        }
    }

    /** Hand the caller to an agent. */
    record Transfer(String reason, String target, Map<String, String> headers) implements Step {}

    /** End the call. */
    record Hangup(Map<String, String> headers) implements Step {}

    /** Give the call back to the flow (its {@code resolved} edge). */
    record End() implements Step {}

    /** What an ask step collects. */
    enum Entity {
        DIGITS,
        NUMBER,
        YES_NO,
        TEXT;

        static Entity of(String name, String path) {
            return switch (name) {
                case "digits" -> DIGITS;
                case "number" -> NUMBER;
                case "yesNo" -> YES_NO;
                case "text" -> TEXT;
                default -> throw bad(path, "unknown entity '" + name + "'; known: digits, number, yesNo, text");
            };
        }
    }

    static Step parse(JsonElement json, String path) {
        JsonObject o = object(json, path);
        if (o.size() == 0) {
            throw bad(path, "an empty step");
        }
        String kind = o.keySet().stream()
                .filter(k -> Set.of("say", "ask", "set", "lookup", "branch", "transfer", "hangup", "end")
                        .contains(k))
                .findFirst()
                .orElseThrow(() -> bad(path, "a step is one of say, ask, set, lookup, branch, transfer, hangup, end"));
        return switch (kind) {
            case "say" -> {
                only(o, path, Set.of("say"));
                yield new Say(string(o, "say", path, true));
            }
            case "ask" -> {
                only(o, path, Set.of("ask", "entity", "prompt", "retryPrompt", "retries", "minLength", "maxLength"));
                int min = integer(o, "minLength", path, 1, 1, 64);
                int max = integer(o, "maxLength", path, 32, 1, 64);
                if (min > max) {
                    throw bad(path + ".minLength", "is more than maxLength");
                }
                String prompt = string(o, "prompt", path, true);
                yield new Ask(
                        string(o, "ask", path, true),
                        Entity.of(string(o, "entity", path, true), path + ".entity"),
                        prompt,
                        o.has("retryPrompt") ? string(o, "retryPrompt", path, true) : prompt,
                        integer(o, "retries", path, 1, 0, 10),
                        min,
                        max);
            }
            case "set" -> {
                only(o, path, Set.of("set"));
                yield new SetValues(stringMap(o, "set", path));
            }
            case "lookup" -> {
                only(o, path, Set.of("lookup"));
                JsonObject l = object(o.get("lookup"), path + ".lookup");
                only(l, path + ".lookup", Set.of("key", "into", "table", "default"));
                yield new Lookup(
                        string(l, "key", path + ".lookup", true),
                        string(l, "into", path + ".lookup", true),
                        stringMap(l, "table", path + ".lookup"),
                        string(l, "default", path + ".lookup", false));
            }
            case "branch" -> {
                only(o, path, Set.of("branch"));
                JsonObject b = object(o.get("branch"), path + ".branch");
                only(b, path + ".branch", Set.of("variable", "cases", "default"));
                yield new Branch(
                        string(b, "variable", path + ".branch", true),
                        stringMap(b, "cases", path + ".branch"),
                        string(b, "default", path + ".branch", false));
            }
            case "transfer" -> {
                only(o, path, Set.of("transfer"));
                yield transfer(object(o.get("transfer"), path + ".transfer"), path + ".transfer");
            }
            case "hangup" -> {
                only(o, path, Set.of("hangup"));
                yield new Hangup(stringMap(object(o.get("hangup"), path + ".hangup"), "headers", path + ".hangup"));
            }
            default -> {
                only(o, path, Set.of("end"));
                yield new End();
            }
        };
    }

    static Transfer transfer(JsonObject t, String path) {
        only(t, path, Set.of("reason", "target", "headers"));
        return new Transfer(
                t.has("reason") ? string(t, "reason", path, true) : "TransferToAgent",
                string(t, "target", path, false),
                stringMap(t, "headers", path));
    }
}
