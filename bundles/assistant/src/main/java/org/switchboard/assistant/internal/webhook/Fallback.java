package org.switchboard.assistant.internal.webhook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.switchboard.api.assistant.AssistantAction;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * What an external bot's assistant does when the bot fails: an apology ({@code fallbackMessage}, none when
 * {@code null}), then an agent ({@code fallbackReason}, {@code fallbackHeaders}), a hang-up or the flow's
 * {@code resolved} edge ({@code fallback}).
 */
public record Fallback(String mode, String message, String reason, Map<String, String> headers) {

    /** The definition fields this record reads. */
    public static final Set<String> FIELDS = Set.of("fallback", "fallbackMessage", "fallbackReason", "fallbackHeaders");

    private static final List<String> MODES = List.of("agent", "hangup", "resolved");

    /** Reads the fallback fields of a definition, with their defaults. */
    public static Fallback parse(JsonObject o) {
        String mode = o.has("fallback") ? o.get("fallback").getAsString() : "agent";
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("$.fallback: must be one of " + MODES);
        }
        return new Fallback(
                mode,
                o.has("fallbackMessage")
                        ? o.get("fallbackMessage").getAsString()
                        : "Sorry, I am having trouble right now. Let me get you to an agent.",
                o.has("fallbackReason") ? o.get("fallbackReason").getAsString() : "TransferToAgent",
                stringMap(o, "fallbackHeaders"));
    }

    /** The object {@code name} of {@code o} as names to text values; empty when absent. */
    public static Map<String, String> stringMap(JsonObject o, String name) {
        Map<String, String> m = new LinkedHashMap<>();
        JsonElement v = o.get(name);
        if (v == null) {
            return m;
        }
        if (!v.isJsonObject()) {
            throw new IllegalArgumentException("$." + name + ": must map header names to values");
        }
        v.getAsJsonObject()
                .entrySet()
                .forEach(e -> m.put(e.getKey(), e.getValue().getAsString()));
        return m;
    }

    /** The fallback's actions after the reason is recorded: the apology (if any), then the agent, hang-up or end. */
    public List<AssistantAction> actions() {
        List<AssistantAction> actions = new ArrayList<>();
        if (message != null) {
            actions.add(new AssistantAction.Say(message, false));
        }
        actions.add(
                switch (mode) {
                    case "hangup" -> new AssistantAction.Hangup(Map.of());
                    case "resolved" -> new AssistantAction.End();
                    default -> new AssistantAction.Transfer(reason, null, headers);
                });
        return actions;
    }
}
