package org.switchboard.sip.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.adapter.CallPolicy;
import org.switchboard.api.adapter.ContactCenterAdapter;
import org.switchboard.api.adapter.InboundCall;
import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.routing.CallRoute;
import org.switchboard.api.routing.CallRouting;
import org.switchboard.api.store.TrunkRecord;
import org.switchboard.sip.internal.sdp.SdpAnswerer;
import org.switchboard.sip.internal.sdp.SdpCrypto;
import org.switchboard.sip.internal.sdp.SdpOffer;
import org.switchboard.util.log.LogText;

import gov.nist.javax.sip.message.SIPMessage;

/**
 * INVITE: a new call is routed (trunk by source address, flow by DID, adapter by the trunk's type), answered with
 * 100 Trying and then 200 OK carrying the SDP answer and the adapter's headers, or rejected with the status that
 * says why (403, 404, 480, 488, 422, 503) and logged. An INVITE inside a dialog is a session refresh.
 *
 * <p>It is longer than most classes on purpose: it is the one ordered sequence an INVITE goes through (admission,
 * routing, SDP offer and answer, media, adapter policy, the dialog), each step able to reject with its own status and
 * release what the steps before it took. Routing, admission, SDP and the dialog are already classes of their own.
 */
final class InviteProcessor implements MethodProcessor {

    private static final long RETRY_MS = 50;

    private static final Logger LOG = LoggerFactory.getLogger(InviteProcessor.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ThrottledLog challenges = new ThrottledLog(LOG, 1_000_000_000L);
    /** One line per second per source: a peer (or anyone) sending bad INVITEs cannot flood the log. */
    private final ThrottledLog rejections = new ThrottledLog(LOG, 1_000_000_000L);

    private final SipContext ctx;
    private final Supplier<CallRouting> routing;

    InviteProcessor(SipContext ctx, Supplier<CallRouting> routing) {
        this.ctx = ctx;
        this.routing = routing;
    }

    @Override
    public void process(RequestEvent event, ServerTransaction tx) throws Exception {
        Request invite = event.getRequest();
        if (((ToHeader) invite.getHeader(ToHeader.NAME)).getTag() != null) {
            Optional<SipCall> call = ctx.find(invite);
            if (call.isPresent()) {
                call.get().refresh().refreshReceived(tx, invite);
            } else {
                ctx.responder.send(tx, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            }
            return;
        }
        Instant startedAt = Instant.now();
        Response trying = ctx.responder.create(Response.TRYING, invite);
        tx.sendResponse(trying);
        route(tx, invite, startedAt, trying, System.nanoTime() + ctx.settings.serviceWaitMs() * 1_000_000L);
    }

    /**
     * Routes a new INVITE (its 100 Trying sent). When a service it needs is away, as while its bundle is updated,
     * the INVITE is looked at again every {@value #RETRY_MS} ms until {@code deadline}, and only then refused.
     */
    private void route(ServerTransaction tx, Request invite, Instant startedAt, Response trying, long deadline)
            throws Exception {
        String source = ctx.settings.trustedProxies().source((SIPMessage) invite);
        String callId = ((SIPMessage) invite).getCallId().getCallId();
        String did = did(invite.getRequestURI());
        CallRouting router = routing.get();
        if (router == null && later(tx, invite, startedAt, trying, deadline)) {
            return;
        }
        if (router == null) {
            reject(tx, invite, Response.SERVICE_UNAVAILABLE, "call router not present", source, did);
            return;
        }
        if (did == null) {
            reject(tx, invite, Response.NOT_FOUND, "no DID in the Request-URI " + invite.getRequestURI(), source, null);
            return;
        }
        CallRoute route = router.route(source, did);
        switch (route.outcome()) {
            case SOURCE_NOT_ALLOWED -> {
                reject(
                        tx,
                        invite,
                        Response.FORBIDDEN,
                        "source " + source + " is not allowed by any trunk",
                        source,
                        did);
                return;
            }
            case UNKNOWN_DID -> {
                reject(
                        tx,
                        invite,
                        Response.NOT_FOUND,
                        "DID " + did + " is unknown on trunk " + route.trunkId(),
                        source,
                        did);
                return;
            }
            case NO_FLOW -> {
                reject(
                        tx,
                        invite,
                        Response.TEMPORARILY_UNAVAILABLE,
                        "no flow attached to " + route.did() + " on trunk " + route.trunkId(),
                        source,
                        did);
                return;
            }
            case ROUTED -> {
                // go on
            }
        }
        TrunkRecord trunk = route.trunk();
        if (!RequestChecks.overTls(invite) && "tls".equalsIgnoreCase(trunk.transport())) {
            reject(
                    tx,
                    invite,
                    Response.FORBIDDEN,
                    "trunk " + route.trunkId() + " takes calls over TLS only",
                    source,
                    did);
            return;
        }
        if (trunk.auth() != null && !authenticated(tx, invite, trunk, source, did)) {
            return;
        }
        SessionTimer timer;
        try {
            timer = SessionTimer.from(invite, ctx.settings.minSeS());
        } catch (SessionTimer.TooSmall e) {
            Response r = ctx.responder.create(SessionTimer.TOO_SMALL_STATUS, invite);
            r.addHeader(ctx.responder.headers().createHeader("Min-SE", Integer.toString(ctx.settings.minSeS())));
            giveBack(invite);
            tx.sendResponse(r);
            rejections.infoFrom(
                    source,
                    "Rejected INVITE {} from {} to {}: 422 {}",
                    LogText.escape(callId),
                    source,
                    LogText.escape(did),
                    e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            reject(tx, invite, Response.BAD_REQUEST, e.getMessage(), source, did);
            return;
        }
        Optional<ContactCenterAdapter> adapter = route.presentAdapter();
        if ((adapter.isEmpty() || ctx.runner.get() == null) && later(tx, invite, startedAt, trying, deadline)) {
            return;
        }
        if (adapter.isEmpty()) {
            reject(
                    tx,
                    invite,
                    Response.SERVICE_UNAVAILABLE,
                    "adapter '" + route.adapterType() + "' of trunk " + route.trunkId() + " is not present",
                    source,
                    did);
            return;
        }
        if (ctx.runner.get() == null) {
            reject(tx, invite, Response.SERVICE_UNAVAILABLE, "flow runtime not present", source, did);
            return;
        }
        byte[] body = invite.getRawContent();
        if (body == null || body.length == 0) {
            reject(tx, invite, Response.NOT_ACCEPTABLE_HERE, "an SDP offer is required in the INVITE", source, did);
            return;
        }
        String sessionId = newSessionId();
        CallMedia.Allocation rtp =
                CallMedia.allocate(ctx.rtpPorts, ctx.media.get(), sessionId, ctx.settings.mediaAddress());
        if (rtp == null) {
            reject(tx, invite, Response.SERVICE_UNAVAILABLE, "no RTP port free", source, did);
            return;
        }
        long sdpSession = ThreadLocalRandom.current().nextLong(1, 1L << 62);
        SdpAnswerer.SrtpPolicy srtp = new SdpAnswerer.SrtpPolicy(trunk.srtpRequired(), SdpCrypto.newKey());
        SdpAnswerer.Answer answer;
        try {
            answer = SdpAnswerer.answer(
                    SdpOffer.parse(new String(body, StandardCharsets.UTF_8)),
                    ctx.settings.mediaAddress(),
                    rtp.port(),
                    sdpSession,
                    1,
                    srtp);
        } catch (SdpOffer.Rejected e) {
            rtp.release(ctx.rtpPorts);
            reject(tx, invite, Response.NOT_ACCEPTABLE_HERE, e.getMessage(), source, did);
            return;
        }
        accept(
                tx,
                invite,
                route,
                adapter.get(),
                answer,
                rtp,
                sdpSession,
                timer,
                source,
                startedAt,
                trying,
                sessionId,
                srtp);
    }

    /** Checks the digest credentials of an INVITE from a trunk with auth; false when it was answered (401, 400...). */
    private boolean authenticated(ServerTransaction tx, Request invite, TrunkRecord trunk, String source, String did)
            throws Exception {
        DigestAuthenticator.Verdict v = ctx.digest.verify(invite, trunk.auth(), ctx.addresses);
        ctx.metrics.authenticated(v.label());
        switch (v.kind()) {
            case ACCEPTED -> {
                return true;
            }
            case BAD_REQUEST -> reject(tx, invite, Response.BAD_REQUEST, v.reason(), source, did);
            case UNAVAILABLE -> {
                LOG.error("Trunk {} cannot authenticate its calls: {}", trunk.id(), v.reason());
                reject(
                        tx,
                        invite,
                        Response.SERVICE_UNAVAILABLE,
                        "authentication of trunk " + trunk.id() + " is not available",
                        source,
                        did);
            }
            case CHALLENGE -> {
                giveBack(invite);
                ctx.metrics.rejected(Response.UNAUTHORIZED);
                Response r = ctx.responder.create(Response.UNAUTHORIZED, invite);
                for (String value : ctx.digest.challenges(trunk.auth(), v.stale())) {
                    r.addHeader(ctx.responder.headers().createHeader("WWW-Authenticate", value));
                }
                tx.sendResponse(r);
                String callId = ((SIPMessage) invite).getCallId().getCallId();
                if (v.firstChallenge()) {
                    LOG.debug("Challenged INVITE {} from {} to {} (trunk {})", callId, source, did, trunk.id());
                } else {
                    challenges.infoFrom(
                            source,
                            "Challenged INVITE {} from {} to {} again (trunk {}): {}",
                            LogText.escape(callId),
                            source,
                            LogText.escape(did),
                            trunk.id(),
                            v.reason());
                }
            }
        }
        return false;
    }

    /** Looks at the INVITE again shortly, unless the wait is over or the transaction ended; false then. */
    private boolean later(ServerTransaction tx, Request invite, Instant startedAt, Response trying, long deadline) {
        if (System.nanoTime() + RETRY_MS * 1_000_000L > deadline
                || tx.getState() == null
                || tx.getState().getValue() > javax.sip.TransactionState._PROCEEDING) {
            return false;
        }
        ctx.timers.schedule(
                () -> ctx.workers.execute(() -> {
                    try {
                        route(tx, invite, startedAt, trying, deadline);
                    } catch (Exception e) {
                        LOG.error(
                                "INVITE {} could not be processed: {}",
                                ((SIPMessage) invite).getCallId().getCallId(),
                                e.toString(),
                                e);
                    }
                }),
                RETRY_MS,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        return true;
    }

    private void accept(
            ServerTransaction tx,
            Request invite,
            CallRoute route,
            ContactCenterAdapter adapter,
            SdpAnswerer.Answer answer,
            CallMedia.Allocation rtp,
            long sdpSession,
            SessionTimer timer,
            String source,
            Instant startedAt,
            Response trying,
            String sessionId,
            SdpAnswerer.SrtpPolicy srtp)
            throws Exception {
        String callId = ((SIPMessage) invite).getCallId().getCallId();
        String caller = caller(
                ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getURI());
        String transport =
                ((ViaHeader) invite.getHeader(ViaHeader.NAME)).getTransport().toLowerCase(Locale.ROOT);
        CallPolicy policy;
        java.util.Map<String, String> passed;
        java.util.Map<String, java.util.List<String>> headers;
        try {
            headers = SipMessages.headers(invite);
            InboundCall inbound = new InboundCall(
                    sessionId,
                    callId,
                    route.did(),
                    caller,
                    source,
                    transport,
                    route.trunkId(),
                    route.botId(),
                    SipMessages.lowerCaseHeaders(headers));
            policy = adapter.policyFor(inbound);
            passed = SipMessages.receivedNames(headers.keySet(), policy.sessionHeaders(inbound));
        } catch (RuntimeException e) {
            rtp.release(ctx.rtpPorts);
            reject(
                    tx,
                    invite,
                    Response.SERVICE_UNAVAILABLE,
                    "adapter '" + route.adapterType() + "' refused the call: " + e.getMessage(),
                    source,
                    route.did());
            return;
        }
        Dialog dialog = ctx.provider.getNewDialog(tx);
        String remoteTag = ((FromHeader) invite.getHeader(FromHeader.NAME)).getTag();
        CallSetup setup = new CallSetup(
                sessionId,
                callId,
                Responder.newTag(),
                remoteTag,
                invite,
                tx,
                transport,
                source,
                route.did(),
                caller,
                route.trunkId(),
                route.flowId(),
                route.botId(),
                startedAt,
                answer,
                rtp.port(),
                sdpSession,
                timer,
                rtp.media(),
                srtp,
                passed);
        SipCall call = new SipCall(ctx, setup, policy, dialog);
        if (!ctx.add(call)) {
            rtp.release(ctx.rtpPorts);
            reject(
                    tx,
                    invite,
                    Response.LOOP_DETECTED,
                    "Call-ID " + callId + " is already in a call",
                    source,
                    route.did());
            return;
        }
        if (((SIPMessage) invite).getApplicationData() instanceof CallAdmission.Ticket t) {
            ctx.admission.bind(t);
        }
        ctx.metrics.started(route.trunkId());
        ctx.recorder.start(new Conversation(
                sessionId,
                callId,
                route.botId(),
                route.trunkId(),
                route.did(),
                caller,
                startedAt,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                passed));
        call.record(Direction.INCOMING, invite, headers);
        call.record(Direction.OUTGOING, trying);
        int delay = ctx.settings.answerDelayMs();
        if (delay > 0) {
            call.ring();
            ctx.timers.schedule(() -> ctx.workers.execute(call::answer), delay, TimeUnit.MILLISECONDS);
        } else {
            call.answer();
        }
    }

    private void reject(ServerTransaction tx, Request invite, int status, String reason, String source, String did)
            throws Exception {
        giveBack(invite);
        ctx.metrics.rejected(status);
        Response r = ctx.responder.create(status, invite);
        r.addHeader(ctx.responder.headers().createReasonHeader("SIP", status, reason.replace('"', '\'')));
        if (status == Response.SERVICE_UNAVAILABLE) {
            r.addHeader(ctx.responder.headers().createRetryAfterHeader(ctx.settings.retryAfterS()));
        }
        if (status == Response.NOT_ACCEPTABLE_HERE) {
            r.addHeader(ctx.responder
                    .headers()
                    .createWarningHeader(ctx.settings.address(), 399, reason.replace('"', '\'')));
        }
        tx.sendResponse(r);
        rejections.infoFrom(
                source,
                "Rejected INVITE {} from {} to {}: {} {}",
                LogText.escape(((SIPMessage) invite).getCallId().getCallId()),
                source,
                LogText.escape(did),
                status,
                LogText.escape(reason));
    }

    /** An INVITE refused gives back its place in the overload count. */
    private void giveBack(Request invite) {
        if (((SIPMessage) invite).getApplicationData() instanceof CallAdmission.Ticket t) {
            ctx.admission.refused(t);
        }
    }

    /** The DID: the user part of a SIP Request-URI, or a tel: number. */
    static String did(URI uri) {
        if (uri instanceof SipURI s) {
            String user = s.getUser();
            return user == null || user.isBlank() ? null : user;
        }
        if (uri instanceof TelURL t) {
            return (t.isGlobal() ? "+" : "") + t.getPhoneNumber();
        }
        return null;
    }

    static String caller(URI uri) {
        if (uri instanceof SipURI s && s.getUser() != null) {
            return s.getUser();
        }
        if (uri instanceof TelURL t) {
            return (t.isGlobal() ? "+" : "") + t.getPhoneNumber();
        }
        return uri.toString();
    }

    /**
     * A session id: 24 hex digits, as Kore's. The first 8 are the time in seconds and the other 16 are random, so ids
     * sort by when their calls came: the store's indexes on them then grow at one end, which keeps their pages hot
     * instead of touching a random page of each index for every record (with random ids, H2 read index pages back
     * from its file under load). 64 random bits keep an id unguessable.
     */
    static String newSessionId() {
        return newSessionId(System.currentTimeMillis());
    }

    static String newSessionId(long nowMs) {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        long seconds = nowMs / 1000;
        b[0] = (byte) (seconds >>> 24);
        b[1] = (byte) (seconds >>> 16);
        b[2] = (byte) (seconds >>> 8);
        b[3] = (byte) seconds;
        return HexFormat.of().formatHex(b);
    }
}
