package org.switchboard.api.assistant;

import java.util.Map;
import java.util.Objects;

import org.switchboard.api.call.SessionContext;

/**
 * One turn of the caller's side, given to a {@link VirtualAssistant}.
 *
 * @param sessionId the session
 * @param botId the bot the assistant plays
 * @param event what happened
 * @param text the utterance for {@link Event#UTTERANCE}, else {@code null}
 * @param confidence the recognizer's confidence for an utterance, in {@code [0, 1]}
 * @param digits the digits for {@link Event#DTMF}, else {@code null}
 * @param context the conversation context as the assistant left it last turn (empty at start)
 * @param session the call: its parties, ids and the INVITE headers its adapter passed ({@code sipHeaders}), or
 *        {@code null} when the assistant is not on a call (since 1.2)
 */
public record TurnRequest(
        String sessionId,
        String botId,
        Event event,
        String text,
        double confidence,
        String digits,
        Map<String, Object> context,
        SessionContext session) {

    /** A turn that carries no session. */
    public TurnRequest(
            String sessionId,
            String botId,
            Event event,
            String text,
            double confidence,
            String digits,
            Map<String, Object> context) {
        this(sessionId, botId, event, text, confidence, digits, context, null);
    }

    /** What the caller did. */
    public enum Event {
        /** The assistant takes over the dialogue; nothing was said yet. */
        START,
        /** The caller said something. */
        UTTERANCE,
        /** The caller pressed keys. */
        DTMF,
        /** The caller said nothing before the timeout. */
        NO_INPUT,
        /** The caller hung up; the assistant's answer is ignored. */
        HANGUP,
        /**
         * The assistant's transfer was accepted and the call is gone; {@code text} is the final SIP status and reason
         * (e.g. {@code "200 SIP/2.0 200 OK"}); the answer is ignored. Only for an assistant that
         * {@link VirtualAssistant#followsTransfers() follows its transfers}.
         *
         * @since 1.4
         */
        TRANSFERRED,
        /**
         * The assistant's transfer failed (refused, no final NOTIFY, a failure reported): {@code text} is the final
         * SIP status (0 when none) and the reason, e.g. {@code "486 transfer failed: SIP/2.0 486 Busy Here"}; the
         * call goes on with the answer. Only for an assistant that {@link VirtualAssistant#followsTransfers() follows
         * its transfers}.
         *
         * @since 1.4
         */
        TRANSFER_FAILED
    }

    /** Checks the event and copies the context. */
    public TurnRequest {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(event, "event");
        context = context == null ? Map.of() : Map.copyOf(context);
    }
}
