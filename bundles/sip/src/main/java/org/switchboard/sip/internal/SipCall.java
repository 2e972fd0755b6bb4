package org.switchboard.sip.internal;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.adapter.CallPolicy;
import org.switchboard.api.call.Handoff;
import org.switchboard.api.call.SessionContext;
import org.switchboard.api.call.TransferResult;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.EndedBy;
import org.switchboard.api.flow.FlowRunner;

/**
 * One answered (or ringing) inbound call's SIP dialog: answering, the peer's requests, the requests Switchboard sends
 * (BYE, REFER through {@link ReferTransfer}, refreshes through {@link SessionRefresh}) and the call's state. What the
 * flow drives (media, transcript, hand-back decisions) is its {@link CallSession}. Every SIP message of the dialog is
 * recorded; every state change happens under the call's lock; nothing here runs on a stack thread.
 *
 * <p>It is longer than most classes on purpose: it is one dialog's state machine, and every request and response
 * of the dialog reads and changes the same state under that one lock. What could leave it has (the call the flow
 * drives, REFER and refresh mechanics, the INFO DTMF relay); splitting the rest would spread the lock.
 */
final class SipCall implements CallSession.Dialog {

    private static final Logger LOG = LoggerFactory.getLogger(SipCall.class);
    private static final long ACK_TIMEOUT_MS = 32_000;
    private static final long BYE_GRACE_MS = 4_000;

    /** Takes the answer to a BYE the stack reported unsent, should it come without a transaction. */
    private volatile ResponseHandler strayByeAnswer;

    private static final TransferResult FAILED = new TransferResult(false, 0, "pending");

    enum State {
        RINGING,
        ANSWERED,
        CONFIRMED,
        ENDING,
        ENDED
    }

    /** A request Switchboard sent in this dialog, awaiting its final response. */
    record Pending(SipCall call, ResponseHandler handler) {}

    /** What to do with the final response (or the timeout) of a request Switchboard sent. */
    interface ResponseHandler {
        void handle(Response response);
    }

    final SipContext ctx;
    /** Its first ACK and first BYE pass a full worker backlog. */
    final BacklogPasses backlogPasses = new BacklogPasses();

    private final CallSetup setup;
    private final Dialog dialog;
    private final CallSession session;
    private final SessionRefresh refresh;
    private final CallMedia media;
    private State state = State.RINGING;
    private ScheduledFuture<?> ackTimer;
    private ReferTransfer refer;

    SipCall(SipContext ctx, CallSetup setup, CallPolicy policy, Dialog dialog) {
        this.ctx = ctx;
        this.setup = setup;
        this.dialog = dialog;
        this.refresh = new SessionRefresh(this, setup.timer());
        this.media = setup.media();
        this.session = new CallSession(
                this,
                new SessionContext(
                        setup.sessionId(),
                        setup.callId(),
                        setup.botId(),
                        setup.trunkId(),
                        setup.did(),
                        setup.caller(),
                        setup.startedAt(),
                        Map.of(),
                        setup.sipHeaders()),
                policy,
                media == null ? null : media.session());
        if (media != null) {
            media.attach(this);
        }
    }

    /** Switchboard's Contact in this call: its transport, and {@code sips:} when the INVITE's URI was. */
    javax.sip.header.ContactHeader contact() throws java.text.ParseException {
        return ctx.contact(
                setup.transport(),
                setup.invite().getRequestURI() instanceof javax.sip.address.SipURI u && u.isSecure());
    }

    String callId() {
        return setup.callId();
    }

    String sessionId() {
        return setup.sessionId();
    }

    CallSetup setup() {
        return setup;
    }

    Dialog dialog() {
        return dialog;
    }

    SessionRefresh refresh() {
        return refresh;
    }

    /** The call as its flow drives it. */
    CallSession session() {
        return session;
    }

    boolean matches(String toTag, String fromTag) {
        return setup.localTag().equals(toTag) && (fromTag == null || fromTag.equals(setup.remoteTag()));
    }

    // ---- answering ----------------------------------------------------------------------------------------

    /** Answers the INVITE with 200 OK, the SDP answer and the adapter's headers; waits for the ACK. */
    void answer() {
        Response ok;
        synchronized (this) {
            if (state != State.RINGING) {
                return;
            }
            try {
                ok = ctx.responder.create(Response.OK, setup.invite());
                ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(setup.localTag());
                ok.addHeader(contact());
                ctx.responder.addAllow(ok);
                ok.addHeader(ctx.responder.headers().createSupportedHeader("timer"));
                refresh.addTo(ok);
                Headers.add(ctx.responder.headers(), ok, session.answerHeaders());
                ContentTypeHeader sdp = ctx.responder.headers().createContentTypeHeader("application", "sdp");
                ok.setContent(setup.answer().sdp(), sdp);
                record(Direction.OUTGOING, ok);
                setup.inviteTx().sendResponse(ok);
            } catch (Exception e) {
                LOG.error("Session {}: could not answer: {}", sessionId(), e.toString(), e);
                rejectLocked(Response.SERVER_INTERNAL_ERROR, "answer failed");
                return;
            }
            state = State.ANSWERED;
            ackTimer = ctx.timers.schedule(this::ackTimeout, ACK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            if (media != null) {
                media.connect(setup.answer());
            }
        }
        Instant now = Instant.now();
        ctx.metrics.answered(java.time.Duration.between(setup.startedAt(), now));
        ctx.recorder.answered(sessionId(), now);
        LOG.info(
                "Session {}: answered {} from {} on trunk '{}' (flow '{}', {} {}:{})",
                sessionId(),
                setup.did(),
                setup.caller(),
                setup.trunkId(),
                setup.flowId(),
                setup.answer().codec(),
                setup.answer().remoteAddress(),
                setup.answer().remotePort());
    }

    /** Sends 180 Ringing (with the dialog's To tag) before a delayed answer. */
    synchronized void ring() throws Exception {
        Response ringing = ctx.responder.create(Response.RINGING, setup.invite());
        ((ToHeader) ringing.getHeader(ToHeader.NAME)).setTag(setup.localTag());
        ringing.addHeader(contact());
        record(Direction.OUTGOING, ringing);
        setup.inviteTx().sendResponse(ringing);
    }

    /** Rejects the INVITE before it was answered (used on CANCEL and internal failure). */
    private void rejectLocked(int status, String reason) {
        try {
            Response r = ctx.responder.create(status, setup.invite());
            ((ToHeader) r.getHeader(ToHeader.NAME)).setTag(setup.localTag());
            record(Direction.OUTGOING, r);
            setup.inviteTx().sendResponse(r);
        } catch (Exception e) {
            LOG.debug("Session {}: could not send {}: {}", sessionId(), status, e.toString());
        }
        finishLocked(status == Response.REQUEST_TERMINATED ? EndedBy.CALLER : EndedBy.ERROR, reason);
    }

    void ack(Request ack) {
        record(Direction.INCOMING, ack);
        synchronized (this) {
            if (state != State.ANSWERED) {
                return; // the ACK of a re-INVITE, or a retransmission
            }
            state = State.CONFIRMED;
            ackTimer.cancel(false);
            refresh.start();
        }
        startFlow();
    }

    private void ackTimeout() {
        synchronized (this) {
            if (state != State.ANSWERED) {
                return;
            }
        }
        LOG.warn("Session {}: no ACK for the 200 OK within {} s; ending the call", sessionId(), ACK_TIMEOUT_MS / 1000);
        event("call.error", Map.of("reason", "no ACK"));
        sendBye(Map.of(), EndedBy.ERROR, "no ACK", true);
    }

    private void startFlow() {
        FlowRunner runner = ctx.runner.get();
        if (runner == null) {
            LOG.warn("Session {}: the flow runtime is not present; ending the call", sessionId());
            event("flow.error", Map.of("reason", "flow runtime not present"));
            sendBye(Map.of(), EndedBy.ERROR, "flow runtime not present", true);
            return;
        }
        runner.run(setup.flowId(), session, session::flowEvent).whenComplete((how, failure) -> {
            if (failure != null) {
                LOG.warn("Session {}: flow '{}' failed: {}", sessionId(), setup.flowId(), failure.toString());
            }
            if (isActive()) {
                // the flow ended without ending the call (e.g. its run was cut): never leave a call up unattended
                sendBye(Map.of(), EndedBy.ERROR, "flow ended: " + how, true);
            }
        });
    }

    void event(String type, Map<String, String> attributes) {
        ctx.recorder.event(new ConversationEvent(sessionId(), Instant.now(), type, attributes));
    }

    @Override
    public void event(ConversationEvent e) {
        ctx.recorder.event(e);
    }

    @Override
    public void turn(org.switchboard.api.conversation.Turn t) {
        ctx.recorder.turn(t);
    }

    @Override
    public void task(String name) {
        ctx.recorder.task(sessionId(), name);
    }

    @Override
    public void handedOff(Instant at) {
        ctx.recorder.handedOff(sessionId(), at);
    }

    // ---- requests from the peer ---------------------------------------------------------------------------

    /** CANCEL before the answer: 200 to the CANCEL, 487 to the INVITE; after the answer it has no effect. */
    void cancel(ServerTransaction tx, Request cancel) throws Exception {
        record(Direction.INCOMING, cancel);
        respond(tx, Response.OK);
        synchronized (this) {
            if (state == State.RINGING) {
                rejectLocked(Response.REQUEST_TERMINATED, "cancelled");
            }
        }
    }

    /** The caller hangs up: 200 OK, nothing else sent, the session closes as ended by the caller. */
    void bye(ServerTransaction tx, Request bye) throws Exception {
        record(Direction.INCOMING, bye);
        try {
            respond(tx, Response.OK);
        } catch (javax.sip.SipException | RuntimeException e) {
            // the caller hung up and closed its connection before our 200 OK: the call ends all the same
            LOG.info(
                    "Session {}: the 200 OK to the caller's BYE could not be sent ({}); ending the call",
                    sessionId(),
                    e.getMessage());
        }
        ReferTransfer pending;
        synchronized (this) {
            if (state == State.ENDED) {
                return;
            }
            pending = refer;
        }
        if (pending != null) {
            pending.peerEnded();
        }
        boolean transferred = pending != null && pending.result().getNow(FAILED).success();
        finish(
                transferred ? EndedBy.TRANSFER : EndedBy.CALLER,
                transferred ? "peer ended the dialog after accepting the REFER" : "caller hung up");
    }

    /** A NOTIFY of the REFER subscription. */
    void notifyReceived(ServerTransaction tx, Request notify) throws Exception {
        record(Direction.INCOMING, notify);
        respond(tx, Response.OK);
        ReferTransfer pending;
        synchronized (this) {
            pending = refer;
        }
        if (pending == null) {
            event("transfer.notify.ignored", Map.of("reason", "no REFER pending"));
            return;
        }
        pending.notifyReceived(notify);
    }

    /** INFO: acknowledged; a DTMF relay ({@code application/dtmf-relay}, {@code Signal=5}) is a digit. */
    void info(ServerTransaction tx, Request info) throws Exception {
        record(Direction.INCOMING, info);
        respond(tx, Response.OK);
        byte[] body = info.getRawContent();
        ContentTypeHeader type = (ContentTypeHeader) info.getHeader(ContentTypeHeader.NAME);
        if (media == null || body == null || type == null || !"dtmf-relay".equalsIgnoreCase(type.getContentSubType())) {
            return;
        }
        DtmfRelay.of(body).ifPresent(d -> media.session().injectDtmf(d.digit(), d.durationMs()));
    }

    /** No RTP from the peer for {@code silence}: the call ends as an error, with the reason recorded. */
    void mediaTimeout(java.time.Duration silence) {
        String reason = "media timeout: no RTP for " + silence.toSeconds() + " s";
        LOG.warn("Session {}: {}", sessionId(), reason);
        event("media.timeout", Map.of("seconds", Long.toString(silence.toSeconds())));
        session.endOnError(reason);
    }

    /** A re-INVITE or UPDATE changed the SDP: the stream follows. */
    void mediaChanged(org.switchboard.sip.internal.sdp.SdpAnswerer.Answer answer) {
        if (media != null) {
            media.connect(answer);
        }
    }

    /** A response in {@code tx} to an in-dialog request, recorded. */
    void respond(ServerTransaction tx, int status) throws Exception {
        Response r = ctx.responder.create(status, tx.getRequest());
        record(Direction.OUTGOING, r);
        tx.sendResponse(r);
    }

    // ---- requests Switchboard sends -----------------------------------------------------------------------

    /** Sends an in-dialog request; {@code handler} gets its final response (a 408 made here on timeout). */
    void send(Request request, ResponseHandler handler) throws Exception {
        ClientTransaction ct = ctx.provider.getNewClientTransaction(request);
        ct.setApplicationData(new Pending(this, handler));
        record(Direction.OUTGOING, request);
        dialog.sendRequest(ct);
    }

    /** A response to a request sent by {@link #send}; provisional ones are only recorded. */
    void responseReceived(Pending pending, Response response) {
        record(Direction.INCOMING, response);
        if (response.getStatusCode() >= 200) {
            pending.handler().handle(response);
        }
    }

    /** A request sent by {@link #send} timed out: its handler sees a 408 built here. */
    void timedOut(Pending pending, Request request) {
        try {
            Response timeout = ctx.responder.create(Response.REQUEST_TIMEOUT, request);
            timeout.setReasonPhrase("no response within the transaction timeout");
            pending.handler().handle(timeout);
        } catch (Exception e) {
            LOG.debug("Session {}: timeout handling failed: {}", sessionId(), e.toString());
        }
    }

    /**
     * Ends the call with a BYE carrying {@code headers}. The call stops being active at once; the result completes
     * with the BYE's final response (a timeout counts as ended too).
     */
    @Override
    public CompletableFuture<TransferResult> sendBye(
            Map<String, String> headers, EndedBy by, String reason, boolean force) {
        CompletableFuture<TransferResult> done = new CompletableFuture<>();
        synchronized (this) {
            if (state == State.ENDING || state == State.ENDED || (!force && state != State.CONFIRMED)) {
                done.completeExceptionally(new IllegalStateException("the call has ended"));
                return done;
            }
            state = State.ENDING;
            refresh.stop();
        }
        ResponseHandler answered = response -> {
            int code = response.getStatusCode();
            // the peer never answered (the transaction timed out) or answered 408: the session ends all the same
            finish(
                    by,
                    code == Response.REQUEST_TIMEOUT
                            ? reason + " (BYE not answered: " + response.getReasonPhrase() + ")"
                            : reason);
            done.complete(new TransferResult(code < 300, code, response.getReasonPhrase()));
        };
        try {
            Request bye = dialog.createRequest(Request.BYE);
            Headers.add(ctx.responder.headers(), bye, headers);
            send(bye, answered);
        } catch (Exception e) {
            strayByeAnswer = answered;
            // The stack can report a send failure for a BYE that did reach the peer (over TCP when the peer answered
            // and closed at once; the wrapper bundle's channels now settle that case): its answer is still taken if
            // it comes; otherwise the call ends as not handed over.
            String why = e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause());
            LOG.warn("Session {}: BYE may not have been sent: {}", sessionId(), why);
            ctx.timers.schedule(
                    () -> {
                        finish(EndedBy.ERROR, reason + " (BYE not sent: " + why + ")");
                        done.complete(new TransferResult(false, 0, "BYE not sent: " + why));
                    },
                    BYE_GRACE_MS,
                    TimeUnit.MILLISECONDS);
        }
        return done;
    }

    /**
     * A final response to this call's BYE that matched no transaction: over TCP the stack can report a BYE unsent
     * that did reach the peer, and then drops the transaction its answer belongs to.
     */
    void strayByeResponse(Response response) {
        ResponseHandler h = strayByeAnswer;
        if (h == null || response.getStatusCode() < 200) {
            return;
        }
        strayByeAnswer = null;
        record(Direction.INCOMING, response);
        LOG.info("Session {}: the BYE reported unsent was answered {}", sessionId(), response.getStatusCode());
        h.handle(response);
    }

    synchronized void finish(EndedBy by, String reason) {
        finishLocked(by, reason);
    }

    private void finishLocked(EndedBy by, String reason) {
        if (state == State.ENDED) {
            return;
        }
        state = State.ENDED;
        if (ackTimer != null) {
            ackTimer.cancel(false);
        }
        refresh.stop();
        if (media != null) {
            media.close();
        }
        ctx.rtpPorts.release(setup.rtpPort());
        ctx.remove(this);
        ctx.admission.ended(callId());
        ctx.metrics.ended(setup.trunkId(), by);
        ctx.recorder.end(sessionId(), Instant.now(), by, reason);
        LOG.info("Session {}: ended by {} ({})", sessionId(), by.name().toLowerCase(java.util.Locale.ROOT), reason);
        if (refer != null) {
            refer.callEnded();
        }
    }

    void record(Direction direction, Message message) {
        ctx.recorder.sipMessage(SipMessages.record(sessionId(), direction, message));
    }

    /** Records {@code message} with its headers as {@link SipMessages#headers} read them already. */
    void record(Direction direction, Message message, Map<String, java.util.List<String>> headers) {
        ctx.recorder.sipMessage(SipMessages.record(sessionId(), direction, message, headers));
    }

    // ---- what operators and the flow's session see ---------------------------------------------------------

    String trunkId() {
        return setup.trunkId();
    }

    /** What operators see of this call. */
    synchronized org.switchboard.api.call.LiveCalls.LiveCall live() {
        return new org.switchboard.api.call.LiveCalls.LiveCall(
                sessionId(),
                callId(),
                setup.trunkId(),
                setup.did(),
                setup.caller(),
                setup.flowId(),
                session.task(),
                setup.startedAt(),
                state != State.RINGING);
    }

    @Override
    public synchronized boolean isActive() {
        return state == State.RINGING || state == State.ANSWERED || state == State.CONFIRMED;
    }

    @Override
    public CompletionStage<TransferResult> refer(Handoff handoff) {
        ReferTransfer attempt;
        synchronized (this) {
            if (!isActive()) {
                return CompletableFuture.failedFuture(new IllegalStateException("the call has ended"));
            }
            if (refer != null && !refer.result().isDone()) {
                return CompletableFuture.completedFuture(new TransferResult(false, 491, "a REFER is already pending"));
            }
            attempt = new ReferTransfer(this, handoff);
            refer = attempt;
        }
        attempt.start();
        return attempt.result();
    }

    /** Operators and a stopping gateway act on the call through its session. */
    void operatorHangup(String reason) {
        session.operatorHangup(reason);
    }

    void operatorTransfer(String reason) {
        session.operatorTransfer(reason);
    }

    CompletableFuture<TransferResult> shutdown(boolean toAgent) {
        return session.shutdown(toAgent);
    }
}
