package org.switchboard.sip.internal;

import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.ServerTransaction;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.EndedBy;
import org.switchboard.sip.internal.sdp.SdpAnswerer;
import org.switchboard.sip.internal.sdp.SdpOffer;

/**
 * A call's session after the answer: re-INVITE and UPDATE from the peer (answered with the current SDP, session
 * interval renegotiated), and the RFC 4028 session timer: when the peer refreshes, a BYE shortly before the session
 * would expire without a refresh; when Switchboard refreshes, an UPDATE (or re-INVITE) at half the interval.
 */
final class SessionRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRefresh.class);

    private final SipCall call;
    private SessionTimer timer;
    private String sdp;
    private org.switchboard.api.media.SrtpParameters srtp;
    private long sdpVersion = 1;
    private ScheduledFuture<?> task;
    private boolean running;

    SessionRefresh(SipCall call, SessionTimer timer) {
        this.call = call;
        this.timer = timer;
        this.sdp = call.setup().answer().sdp();
        this.srtp = call.setup().answer().srtp();
    }

    /** Adds Session-Expires (and Require: timer when the peer supports it) to a 2xx. */
    synchronized void addTo(Response ok) throws Exception {
        if (timer == null) {
            return;
        }
        ok.addHeader(call.ctx.responder.headers().createHeader("Session-Expires", timer.headerValue()));
        if (timer.peerSupportsTimer()) {
            ok.addHeader(call.ctx.responder.headers().createRequireHeader("timer"));
        }
    }

    synchronized void start() {
        running = true;
        schedule();
    }

    synchronized void stop() {
        running = false;
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    private void schedule() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        if (running && timer != null) {
            task = call.ctx.timers.schedule(this::due, timer.delayMs(), TimeUnit.MILLISECONDS);
        }
    }

    private void due() {
        SessionTimer t;
        synchronized (this) {
            if (!running) {
                return;
            }
            t = timer;
        }
        if (t.refresher().equals("uac")) {
            LOG.info("Session {}: no session refresh within {} s; ending the call", call.sessionId(), t.seconds());
            call.event("session.expired", Map.of("interval", Integer.toString(t.seconds())));
            call.sendBye(Map.of(), EndedBy.ERROR, "session expired (no refresh within " + t.seconds() + " s)", true);
        } else {
            call.ctx.workers.execute(this::sendRefresh);
        }
    }

    /** A re-INVITE (with or without an offer) or an UPDATE from the peer. */
    void refreshReceived(ServerTransaction tx, Request request) throws Exception {
        call.record(Direction.INCOMING, request);
        if (!call.isActive()) {
            call.respond(tx, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        SessionTimer requested;
        try {
            requested = SessionTimer.from(request, call.ctx.settings.minSeS());
        } catch (SessionTimer.TooSmall e) {
            Response r = call.ctx.responder.create(SessionTimer.TOO_SMALL_STATUS, request);
            r.addHeader(
                    call.ctx.responder.headers().createHeader("Min-SE", Integer.toString(call.ctx.settings.minSeS())));
            send(tx, r);
            return;
        } catch (IllegalArgumentException e) {
            sendWithWarning(tx, request, Response.BAD_REQUEST, e.getMessage());
            return;
        }
        byte[] body = request.getRawContent();
        boolean offer = body != null && body.length > 0;
        String answer;
        try {
            answer = offer
                    ? answerFor(SdpOffer.parse(new String(body, java.nio.charset.StandardCharsets.UTF_8)))
                    : currentSdp();
        } catch (SdpOffer.Rejected e) {
            sendWithWarning(tx, request, Response.NOT_ACCEPTABLE_HERE, e.getMessage());
            return;
        }
        Response ok = call.ctx.responder.create(Response.OK, request);
        ok.addHeader(call.contact());
        call.ctx.responder.addAllow(ok);
        ok.addHeader(call.ctx.responder.headers().createSupportedHeader("timer"));
        synchronized (this) {
            timer = requested;
            addTo(ok);
        }
        if (offer || request.getMethod().equals(Request.INVITE)) {
            ContentTypeHeader type = call.ctx.responder.headers().createContentTypeHeader("application", "sdp");
            ok.setContent(answer, type);
        }
        send(tx, ok);
        call.event(
                "session.refresh",
                Map.of("method", request.getMethod(), "interval", requested == null ? "off" : requested.headerValue()));
        synchronized (this) {
            schedule();
        }
    }

    private synchronized String currentSdp() {
        return sdp;
    }

    /** The answer to a new offer on the same port; the SDP version goes up only when the answer changes. */
    private synchronized String answerFor(SdpOffer offer) throws SdpOffer.Rejected {
        CallSetup s = call.setup();
        String media = call.ctx.settings.mediaAddress();
        SdpAnswerer.Answer same = SdpAnswerer.answer(offer, media, s.rtpPort(), s.sdpSessionId(), sdpVersion, s.srtp());
        if (!same.sdp().equals(sdp)) {
            sdpVersion++;
            SdpAnswerer.Answer changed =
                    SdpAnswerer.answer(offer, media, s.rtpPort(), s.sdpSessionId(), sdpVersion, s.srtp());
            sdp = changed.sdp();
            srtp = changed.srtp();
            call.mediaChanged(changed);
        } else if (!java.util.Objects.equals(same.srtp(), srtp)) {
            srtp = same.srtp(); // the peer's key changed, Switchboard's answer did not
            call.mediaChanged(same);
        }
        return sdp;
    }

    private void sendWithWarning(ServerTransaction tx, Request request, int status, String text) throws Exception {
        Response r = call.ctx.responder.create(status, request);
        r.addHeader(call.ctx
                .responder
                .headers()
                .createWarningHeader(call.ctx.settings.address(), 399, text.replace('"', '\'')));
        send(tx, r);
    }

    private void send(ServerTransaction tx, Response response) throws Exception {
        call.record(Direction.OUTGOING, response);
        tx.sendResponse(response);
    }

    /** Switchboard is the refresher: UPDATE when the peer allows it, else a re-INVITE with the current SDP. */
    private void sendRefresh() {
        if (!call.isActive()) {
            return;
        }
        SessionTimer t;
        synchronized (this) {
            t = timer;
        }
        boolean update = SipMessages.lists(call.setup().invite(), "Allow", Request.UPDATE);
        try {
            Request refresh = call.dialog().createRequest(update ? Request.UPDATE : Request.INVITE);
            refresh.addHeader(call.ctx.responder.headers().createHeader("Session-Expires", t.headerValue()));
            refresh.addHeader(call.ctx.responder.headers().createSupportedHeader("timer"));
            refresh.addHeader(call.contact());
            if (!update) {
                refresh.setContent(
                        currentSdp(), call.ctx.responder.headers().createContentTypeHeader("application", "sdp"));
            }
            call.send(refresh, response -> refreshAnswered(refresh, response));
        } catch (Exception e) {
            LOG.warn("Session {}: session refresh not sent: {}", call.sessionId(), e.toString());
            call.sendBye(Map.of(), EndedBy.ERROR, "session refresh failed: " + e.getMessage(), true);
        }
    }

    private void refreshAnswered(Request refresh, Response response) {
        int code = response.getStatusCode();
        if (refresh.getMethod().equals(Request.INVITE) && code < 300) {
            try {
                long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
                Request ack = call.dialog().createAck(cseq);
                call.record(Direction.OUTGOING, ack);
                call.dialog().sendAck(ack);
            } catch (Exception e) {
                LOG.warn("Session {}: ACK of the refresh not sent: {}", call.sessionId(), e.toString());
            }
        }
        call.event("session.refresh.sent", Map.of("method", refresh.getMethod(), "status", Integer.toString(code)));
        if (code < 300) {
            synchronized (this) {
                schedule();
            }
        } else if (code == Response.REQUEST_TIMEOUT || code == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST) {
            call.sendBye(Map.of(), EndedBy.ERROR, "session refresh failed: " + code, true);
        } else {
            // RFC 4028: other failures leave the session up until it expires; try again at the next interval
            synchronized (this) {
                schedule();
            }
        }
    }
}
