package org.switchboard.assistant.internal.app;

import static org.switchboard.assistant.internal.app.Definition.bad;
import static org.switchboard.assistant.internal.app.Definition.integer;
import static org.switchboard.assistant.internal.app.Definition.object;
import static org.switchboard.assistant.internal.app.Definition.only;
import static org.switchboard.assistant.internal.app.Definition.string;
import static org.switchboard.assistant.internal.app.Definition.strings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * A built-in app: a greeting, a menu of intents (example phrases, keywords, a DTMF key, the task to run) and dialog
 * tasks made of steps. Parsed and checked completely; every error names its JSON path.
 *
 * @param greeting said once when the app takes over
 * @param menu the menu prompt, said before listening for an intent
 * @param noInput said when the caller said nothing
 * @param noMatch said when the input matched nothing
 * @param maxFailures failed attempts (no input or no match, in the menu or an ask step) before the agent handoff
 * @param failureIntent the intent recorded when failures lead to the handoff
 * @param handoff the agent handoff after too many failures
 * @param afterTask what follows a task whose steps ran out: {@code menu} or {@code end}
 * @param reprompt said instead of the menu when the caller is asked again (a short menu), or {@code null}
 * @param handoffMessage said before the handoff that failures lead to (why the caller is handed over), or
 *     {@code null}
 * @param anytimeIntent the intent recognized at every question as well as in the menu (e.g. the agent), or
 *     {@code null}
 * @param intents the intents, in order (ties go to the first)
 * @param tasks the tasks by name
 */
record AppModel(
        String greeting,
        String menu,
        String noInput,
        String noMatch,
        int maxFailures,
        String failureIntent,
        Step.Transfer handoff,
        String afterTask,
        String reprompt,
        String handoffMessage,
        Intent anytimeIntent,
        List<Intent> intents,
        Map<String, List<Step>> tasks) {

    /** An intent the menu recognizes. */
    record Intent(String name, List<String> examples, List<String> keywords, String dtmf, String task) {}

    private static final Set<String> TOP = Set.of(
            "type",
            "greeting",
            "menu",
            "noInput",
            "noMatch",
            "maxFailures",
            "failureIntent",
            "handoff",
            "afterTask",
            "reprompt",
            "handoffMessage",
            "anytimeIntent",
            "intents",
            "tasks");

    static AppModel parse(String json) {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(json);
            o = object(e, "$");
        } catch (JsonParseException e) {
            throw bad("$", "not valid JSON: " + e.getMessage());
        }
        only(o, "$", TOP);
        String menu = string(o, "menu", "$", true);
        String afterTask = o.has("afterTask") ? string(o, "afterTask", "$", true) : "menu";
        if (!afterTask.equals("menu") && !afterTask.equals("end")) {
            throw bad("$.afterTask", "must be 'menu' or 'end'");
        }
        Step.Transfer handoff = o.has("handoff")
                ? Step.transfer(object(o.get("handoff"), "$.handoff"), "$.handoff")
                : new Step.Transfer("TransferToAgent", null, Map.of("X-Intent", "{{context.intent}}"));
        Map<String, List<Step>> tasks = new LinkedHashMap<>();
        JsonObject t = o.has("tasks") ? object(o.get("tasks"), "$.tasks") : new JsonObject();
        for (Map.Entry<String, JsonElement> e : t.entrySet()) {
            if (e.getKey().equals("menu")) {
                throw bad("$.tasks.menu", "'menu' is reserved (a branch to the menu)");
            }
            String path = "$.tasks." + e.getKey();
            if (!e.getValue().isJsonArray() || e.getValue().getAsJsonArray().isEmpty()) {
                throw bad(path, "a task is a non-empty list of steps");
            }
            List<Step> steps = new ArrayList<>();
            for (int i = 0; i < e.getValue().getAsJsonArray().size(); i++) {
                steps.add(Step.parse(e.getValue().getAsJsonArray().get(i), path + "[" + i + "]"));
            }
            tasks.put(e.getKey(), List.copyOf(steps));
        }
        List<Intent> intents = new ArrayList<>();
        if (!o.has("intents")
                || !o.get("intents").isJsonArray()
                || o.getAsJsonArray("intents").isEmpty()) {
            throw bad("$.intents", "an app needs a non-empty list of intents");
        }
        Set<String> keys = new java.util.HashSet<>();
        for (int i = 0; i < o.getAsJsonArray("intents").size(); i++) {
            String path = "$.intents[" + i + "]";
            JsonObject in = object(o.getAsJsonArray("intents").get(i), path);
            only(in, path, Set.of("name", "examples", "keywords", "dtmf", "task"));
            String name = string(in, "name", path, true);
            List<String> examples = strings(in, "examples", path);
            List<String> keywords = strings(in, "keywords", path);
            String dtmf = string(in, "dtmf", path, false);
            if (examples.isEmpty() && keywords.isEmpty() && dtmf == null) {
                throw bad(path, "an intent needs examples, keywords or a dtmf key");
            }
            if (dtmf != null && (!dtmf.matches("[0-9*#]") || !keys.add(dtmf))) {
                throw bad(path + ".dtmf", "must be one key (0-9, * or #) not used by another intent");
            }
            String task = string(in, "task", path, true);
            if (!tasks.containsKey(task)) {
                throw bad(path + ".task", "no task '" + task + "' in $.tasks");
            }
            intents.add(new Intent(name, examples, keywords, dtmf, task));
        }
        tasks.forEach((name, steps) -> {
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i) instanceof Step.Branch b) {
                    for (String target : b.targets()) {
                        if (!target.equals("menu") && !tasks.containsKey(target)) {
                            throw bad("$.tasks." + name + "[" + i + "].branch", "no task '" + target + "'");
                        }
                    }
                }
            }
        });
        Intent anytime = null;
        if (o.has("anytimeIntent")) {
            String name = string(o, "anytimeIntent", "$", true);
            anytime = intents.stream()
                    .filter(i -> i.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> bad("$.anytimeIntent", "no intent '" + name + "' in $.intents"));
        }
        return new AppModel(
                string(o, "greeting", "$", false),
                menu,
                o.has("noInput") ? string(o, "noInput", "$", true) : "Sorry, I did not hear anything.",
                o.has("noMatch") ? string(o, "noMatch", "$", true) : "Sorry, I did not get that.",
                integer(o, "maxFailures", "$", 2, 1, 10),
                o.has("failureIntent") ? string(o, "failureIntent", "$", true) : "Unrecognized",
                handoff,
                afterTask,
                string(o, "reprompt", "$", false),
                string(o, "handoffMessage", "$", false),
                anytime,
                List.copyOf(intents),
                tasks);
    }

    /** The phrases of the intent recognized at every question; empty without one. */
    List<String> anytimePhrases() {
        if (anytimeIntent == null) {
            return List.of();
        }
        List<String> p = new ArrayList<>(anytimeIntent.examples());
        p.addAll(anytimeIntent.keywords());
        return p;
    }

    /** Every phrase the menu expects, for the recognizer's grammar. */
    List<String> menuPhrases() {
        List<String> p = new ArrayList<>();
        for (Intent i : intents) {
            p.addAll(i.examples());
            p.addAll(i.keywords());
        }
        return p;
    }
}
