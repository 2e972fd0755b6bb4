package org.switchboard.flow.internal.script;

import java.util.List;
import java.util.Map;

/**
 * What a script run produced.
 *
 * @param error {@code null} when the script completed, else why it failed (syntax, runtime error, time limit)
 * @param printed the lines it printed, in order
 * @param actions the voiceUtils calls it made, in order
 * @param context the context after the run (the context before it when the script failed)
 */
public record ScriptResult(String error, List<String> printed, List<VoiceAction> actions, Map<String, Object> context) {

    /** Whether the script completed. */
    public boolean ok() {
        return error == null;
    }
}
