package org.switchboard.flow.internal.script;

import java.util.Map;

/**
 * What a script asked the call to do through {@code voiceUtils}; carried out in order after the script ends. A
 * {@code queueCommand} of {@code false} (Kore's last argument) stops the prompts queued before the action.
 */
public sealed interface VoiceAction {

    /** {@code voiceUtils.refer(message, referTo, headers, queueCommand)}: say the message, then transfer by REFER. */
    record Refer(String message, String referTo, Map<String, String> headers, boolean queue) implements VoiceAction {}

    /** {@code voiceUtils.hangup(message, headers, queueCommand)}: say the message, then end the call with headers. */
    record Hangup(String message, Map<String, String> headers, boolean queue) implements VoiceAction {}

    /** {@code voiceUtils.play(audio, queueCommand)}: queue an audio file (a path or file: URI). */
    record Play(String audio, boolean queue) implements VoiceAction {}

    /** {@code voiceUtils.sendDTMF(digits)}: send digits to the caller as RFC 4733 events. */
    record SendDtmf(String digits) implements VoiceAction {}

    /** {@code voiceUtils.abortPrompt()}: stop the prompt playing and those queued before this call. */
    record AbortPrompt() implements VoiceAction {}
}
