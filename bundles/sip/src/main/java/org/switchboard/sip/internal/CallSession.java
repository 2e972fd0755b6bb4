package org.switchboard.sip.internal;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.adapter.CallPolicy;
import org.switchboard.api.call.CallControl;
import org.switchboard.api.call.GatherRequest;
import org.switchboard.api.call.GatherResult;
import org.switchboard.api.call.Handoff;
import org.switchboard.api.call.SessionContext;
import org.switchboard.api.call.TransferResult;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.EndedBy;
import org.switchboard.api.conversation.Turn;
import org.switchboard.api.media.MediaSession;

/**
 * The call as its flow drives it ({@link CallControl}): the flow's variables and current task, prompts, gathers and
 * DTMF on the call's media, the transcript, and every hand-back decided by the adapter's {@link CallPolicy} (which
 * headers, which reason). How a BYE or a REFER goes on the wire, and whether the dialog is still up, is its
 * {@link Dialog}'s business.
 */
final class CallSession implements CallControl {

    /** What a session needs of its SIP dialog and of the call's record. */
    interface Dialog {

        /** Whether the dialog is still up (no BYE sent or received). */
        boolean isActive();

        /** Ends the dialog with a BYE carrying {@code headers}; {@code force} also before the ACK. */
        CompletableFuture<TransferResult> sendBye(
                Map<String, String> headers, EndedBy by, String reason, boolean force);

        /** Transfers the caller by REFER. */
        CompletionStage<TransferResult> refer(Handoff handoff);

        /** Records an event of the call. */
        void event(ConversationEvent event);

        /** Records a turn of the transcript. */
        void turn(Turn turn);

        /** Records that the flow moved to a task (node). */
        void task(String name);

        /** Records that the call is being handed to an agent. */
        void handedOff(Instant at);
    }

    private static final Logger LOG = LoggerFactory.getLogger(CallSession.class);
    /** End reasons when the adapter names none. */
    static final String AGENT_HANDOFF = "agent handoff";

    static final String BOT_HANGUP = "bot hangup";

    private final Dialog dialog;
    private final SessionContext base;
    private final CallPolicy policy;
    private final MediaSession media;
    private final Map<String, Object> variables = new LinkedHashMap<>();
    private volatile String task;

    /**
     * @param base the call's identifiers and passed SIP headers (its variables are not used)
     * @param media the call's media, or {@code null} without a media engine
     */
    CallSession(Dialog dialog, SessionContext base, CallPolicy policy, MediaSession media) {
        this.dialog = dialog;
        this.base = base;
        this.policy = policy;
        this.media = media;
    }

    String sessionId() {
        return base.sessionId();
    }

    /** The flow node the call is at, or {@code null} before the flow starts. */
    String task() {
        return task;
    }

    /** The adapter's headers for the 200 OK. */
    Map<String, String> answerHeaders() {
        return policy.answerHeaders(session());
    }

    /** An event of the flow: recorded, and a {@code flow.node} one moves the call's task. */
    void flowEvent(ConversationEvent e) {
        dialog.event(e);
        if (e.type().equals("flow.node") && e.attributes().containsKey("node")) {
            task = e.attributes().get("node");
            dialog.task(task);
        }
    }

    void event(String type, Map<String, String> attributes) {
        dialog.event(new ConversationEvent(sessionId(), Instant.now(), type, attributes));
    }

    /** Event attributes for a handoff's headers: {@code header.<name>} each, after {@code first}. */
    static Map<String, String> withHeaders(Map<String, String> first, Map<String, String> headers) {
        Map<String, String> a = new LinkedHashMap<>(first);
        headers.forEach((name, value) -> a.put("header." + name, value));
        return a;
    }

    @Override
    public synchronized SessionContext session() {
        return new SessionContext(
                base.sessionId(),
                base.callId(),
                base.botId(),
                base.trunkId(),
                base.did(),
                base.caller(),
                base.startedAt(),
                variables,
                base.sipHeaders());
    }

    @Override
    public boolean isActive() {
        return dialog.isActive();
    }

    @Override
    public synchronized void setVariable(String name, Object value) {
        variables.put(name, value);
    }

    private static <T> CompletableFuture<T> noMedia() {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("no media engine is installed"));
    }

    @Override
    public CompletionStage<Void> say(String text, String voice, boolean bargeIn) {
        if (media == null) {
            return noMedia();
        }
        turn(Direction.OUTGOING, text, null, 1.0);
        return media.say(text, voice, bargeIn);
    }

    @Override
    public CompletionStage<Void> play(URI audio, boolean bargeIn) {
        if (media == null) {
            return noMedia();
        }
        String path = audio.getPath() == null ? audio.toString() : audio.getPath();
        turn(Direction.OUTGOING, "[audio " + path.substring(path.lastIndexOf('/') + 1) + "]", null, 1.0);
        return media.play(audio, bargeIn);
    }

    @Override
    public CompletionStage<Void> sendDtmf(String digits) {
        if (media == null) {
            return noMedia();
        }
        media.sendDtmf(digits);
        event("dtmf.sent", Map.of("digits", digits));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<org.switchboard.api.media.AudioStream> stream(
            org.switchboard.api.media.AudioStream.Listener listener) {
        if (media == null) {
            return noMedia();
        }
        if (!isActive()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the call has ended"));
        }
        try {
            return CompletableFuture.completedFuture(media.stream(listener));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void recordTurn(boolean fromCaller, String text) {
        turn(fromCaller ? Direction.INCOMING : Direction.OUTGOING, text, null, 1.0);
    }

    @Override
    public void abortPrompts() {
        if (media != null) {
            media.abortPrompts();
        }
    }

    @Override
    public CompletionStage<GatherResult> gather(GatherRequest request) {
        return gather(request, null);
    }

    @Override
    public CompletionStage<GatherResult> gather(GatherRequest request, java.util.function.Consumer<String> partials) {
        if (media == null) {
            return noMedia();
        }
        if (request.prompt() != null && !request.prompt().isBlank()) {
            turn(Direction.OUTGOING, request.prompt(), null, 1.0);
        }
        return (partials == null ? media.gather(request) : media.gather(request, partials)).thenApply(r -> {
            if (r.outcome() == GatherResult.Outcome.MATCH) {
                turn(Direction.INCOMING, r.text(), r.digits(), r.confidence());
            }
            return r;
        });
    }

    private void turn(Direction direction, String text, String digits, double confidence) {
        if ((text == null || text.isBlank()) && (digits == null || digits.isEmpty())) {
            return;
        }
        dialog.turn(new Turn(sessionId(), direction, Instant.now(), text, digits, confidence, task, "en"));
    }

    @Override
    public CompletionStage<TransferResult> transfer(Handoff handoff) {
        if (handoff.method() == Handoff.Method.BYE) {
            dialog.handedOff(Instant.now());
            event("transfer.bye", withHeaders(Map.of(), handoff.headers()));
            return dialog.sendBye(
                    handoff.headers(),
                    EndedBy.TRANSFER,
                    handoff.reason() != null ? handoff.reason() : AGENT_HANDOFF,
                    false);
        }
        return dialog.refer(handoff);
    }

    @Override
    public CompletionStage<TransferResult> agentTransfer(
            Handoff.Method method, String target, Map<String, String> headers) {
        try {
            return transfer(policy.agentHandoff(session(), method, target, headers));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<Void> hangup(Map<String, String> headers) {
        try {
            Handoff bye = policy.botHangup(session(), headers);
            return dialog.sendBye(bye.headers(), EndedBy.BOT, bye.reason() != null ? bye.reason() : BOT_HANGUP, false)
                    .thenApply(r -> null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** An operator ends the call (shell, console): a bot hang-up, with the reason recorded. */
    void operatorHangup(String reason) {
        event("operator.hangup", Map.of("reason", reason == null ? "" : reason));
        LOG.info("Session {}: hung up by an operator ({})", sessionId(), reason);
        hangup(Map.of());
    }

    /** An operator hands the call to an agent (console): the adapter's agent handoff, with the reason recorded. */
    void operatorTransfer(String reason) {
        event("operator.transfer", Map.of("reason", reason == null ? "" : reason));
        LOG.info("Session {}: handed to an agent by an operator ({})", sessionId(), reason);
        agentTransfer(null, null, Map.of()).whenComplete((r, e) -> {
            if (e != null || !r.success()) {
                LOG.warn("Session {}: operator transfer failed: {}", sessionId(), e != null ? e.toString() : r);
            }
        });
    }

    /** No media from the peer: the call ends as an error with the adapter's hang-up headers. */
    CompletableFuture<TransferResult> endOnError(String reason) {
        Map<String, String> headers;
        try {
            headers = policy.botHangup(session(), Map.of()).headers();
        } catch (RuntimeException e) {
            headers = Map.of();
        }
        return dialog.sendBye(headers, EndedBy.ERROR, reason, true);
    }

    /**
     * The gateway is stopping: the call ends with the adapter's hang-up BYE, or with its agent handoff BYE when
     * {@code toAgent}, and the session is closed as ended by the system.
     */
    CompletableFuture<TransferResult> shutdown(boolean toAgent) {
        event("system.shutdown", Map.of("handoff", toAgent ? "agent" : "hangup"));
        Map<String, String> headers;
        try {
            headers = toAgent
                    ? policy.agentHandoff(session(), Handoff.Method.BYE, null, Map.of())
                            .headers()
                    : policy.botHangup(session(), Map.of()).headers();
        } catch (RuntimeException e) {
            LOG.warn(
                    "Session {}: the adapter gave no {} headers ({}); ending the call without them",
                    sessionId(),
                    toAgent ? "handoff" : "hang-up",
                    e.toString());
            headers = Map.of();
        }
        if (toAgent) {
            dialog.handedOff(Instant.now());
        }
        return dialog.sendBye(headers, toAgent ? EndedBy.TRANSFER : EndedBy.SYSTEM, "Switchboard stopping", true);
    }
}
