package org.switchboard.api.assistant;

import java.util.List;
import java.util.Map;

/**
 * An assistant's answer to a turn.
 *
 * @param actions what to do, in order
 * @param context the conversation context to give back next turn
 * @param taskName the dialog task that produced this turn (for the transcript's {@code tN}), or {@code null}
 */
public record TurnResponse(List<AssistantAction> actions, Map<String, Object> context, String taskName) {

    /** Copies the actions and context. */
    public TurnResponse {
        actions = actions == null ? List.of() : List.copyOf(actions);
        context = context == null ? Map.of() : Map.copyOf(context);
    }
}
