package org.switchboard.sip.internal;

import java.util.function.Supplier;
import javax.sip.SipStack;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.routing.CallRouting;
import org.switchboard.api.store.TrunkRecord;
import org.switchboard.util.log.LogText;

import gov.nist.javax.sip.header.Reason;
import gov.nist.javax.sip.header.RetryAfter;
import gov.nist.javax.sip.header.Server;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * Overload protection at the door: a new INVITE (no To tag, not a retransmission) is admitted against the call
 * limits before the stack creates any transaction or dialog for it. One over a limit is answered 503 with
 * Retry-After and a Reason saying which limit, statelessly, and costs nothing more; the ticket of one admitted
 * travels on the request (its application data) to the INVITE processor. The trunk is found by the source
 * address and DID the way routing finds it, so a trunk's limits apply to its own calls only.
 */
final class OverloadValve implements SIPMessageValve {

    private static final Logger LOG = LoggerFactory.getLogger(OverloadValve.class);

    private final CallAdmission admission;
    private final Supplier<CallRouting> routing;
    private final int retryAfterS;
    private final SipMetrics metrics;
    private final ThrottledLog log = new ThrottledLog(LOG, 10_000_000_000L);
    private final SIPTransactionStack stack;
    private final TrustedProxies proxies;

    OverloadValve(
            SIPTransactionStack stack,
            CallAdmission admission,
            Supplier<CallRouting> routing,
            int retryAfterS,
            SipMetrics metrics,
            TrustedProxies proxies) {
        this.proxies = proxies;
        this.stack = stack;
        this.admission = admission;
        this.routing = routing;
        this.retryAfterS = retryAfterS;
        this.metrics = metrics;
    }

    @Override
    public void init(SipStack sipStack) {
        // given the stack at construction
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        if (!Request.INVITE.equals(request.getMethod()) || request.getToTag() != null) {
            return true;
        }
        String callId = request.getCallId().getCallId();
        if (admission.holds(callId) || stack.findTransaction(request.getTransactionId(), true) != null) {
            return true; // a retransmission, or a merged request the INVITE processor answers
        }
        String trunkId = null;
        int trunkCalls = 0;
        int trunkRate = 0;
        CallRouting router = routing.get();
        String did = InviteProcessor.did(request.getRequestURI());
        String source = proxies.source(request);
        if (router != null && did != null && source != null) {
            TrunkRecord trunk = router.route(source, did).trunk();
            if (trunk != null) {
                trunkId = trunk.id();
                trunkCalls = trunk.maxCalls();
                trunkRate = trunk.maxCallsPerSecond();
            }
        }
        CallAdmission.Decision decision = admission.admit(callId, trunkId, trunkCalls, trunkRate);
        if (decision instanceof CallAdmission.Ticket ticket) {
            request.setApplicationData(ticket);
            return true;
        }
        refuse(request, channel, (CallAdmission.Refusal) decision);
        return false;
    }

    private void refuse(SIPRequest request, MessageChannel channel, CallAdmission.Refusal refusal) {
        metrics.overloaded(refusal);
        try {
            SIPResponse busy = request.createResponse(Response.SERVICE_UNAVAILABLE);
            ToHeader to = (ToHeader) busy.getHeader(ToHeader.NAME);
            to.setTag(Responder.newTag());
            RetryAfter retry = new RetryAfter();
            retry.setRetryAfter(retryAfterS);
            busy.setHeader(retry);
            Reason reason = new Reason();
            reason.setProtocol("SIP");
            reason.setCause(Response.SERVICE_UNAVAILABLE);
            reason.setText(refusal.reason());
            busy.setHeader(reason);
            Server server = new Server();
            server.addProductToken(Responder.PRODUCT);
            busy.setHeader(server);
            GuardedParser.send(channel, busy);
            log.info(
                    "Refused INVITE {} from {} with 503: {}",
                    LogText.escape(request.getCallId().getCallId()),
                    String.valueOf(proxies.source(request)),
                    refusal.reason());
        } catch (Exception e) {
            log.info(
                    "Could not refuse INVITE {} with 503 ({}): {}",
                    request.getCallId().getCallId(),
                    refusal.reason(),
                    e.toString());
        }
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        return true;
    }

    @Override
    public void destroy() {
        // nothing held
    }
}
