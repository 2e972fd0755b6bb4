package org.switchboard.flow.internal.script;

import java.util.Map;

/** What a script asked the call to do through {@code voiceUtils}; carried out after the script ends. */
public sealed interface VoiceAction {

    /** {@code voiceUtils.refer(message, referTo, headers)}: say the message, then transfer by REFER. */
    record Refer(String message, String referTo, Map<String, String> headers) implements VoiceAction {
    }

    /** {@code voiceUtils.hangup(message, headers)}: say the message, then end the call with headers. */
    record Hangup(String message, Map<String, String> headers) implements VoiceAction {
    }
}
