package org.switchboard.sip.internal;

import javax.sip.SipStack;
import javax.sip.TransactionState;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.util.log.LogText;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import gov.nist.javax.sip.stack.SIPTransaction;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * Absorbs an INVITE retransmitted after Switchboard answered it (RFC 3261 §17.2.1, RFC 6026 §7.1: the "Accepted"
 * state). A caller retransmits its INVITE every T1 until a response arrives, so when the answer is slower than 500 ms
 * (a burst, a collector pause) copies of the INVITE wait behind the original and arrive after its 200 OK.
 * <p>
 * The RI keeps the answered INVITE transaction for the linger time but, releasing its references
 * ({@code RELEASE_REFERENCES_STRATEGY=Normal}), no longer holds what its matching compares (the request and its Via
 * sent-by), so it does not recognize the copy: it opens a second transaction for the same branch and answers
 * {@code 482 Loop Detected} as for a merged request, or sends a {@code 100 Trying} after the caller's ACK. Strict
 * callers end the call on either. This valve looks the branch up first: a copy of an INVITE whose transaction has a
 * final response is dropped (after a non-2xx, whose transaction still retransmits on its own, its response is sent
 * once more, as §17.2.1 asks). An INVITE whose branch is not known goes on as before.
 */
final class InviteRetransmissionValve implements SIPMessageValve {

    private static final Logger LOG = LoggerFactory.getLogger(InviteRetransmissionValve.class);

    private final SIPTransactionStack stack;
    private final SipMetrics metrics;
    private final AnsweredInvites answered;
    private final ThrottledLog log = new ThrottledLog(LOG, 10_000_000_000L);

    InviteRetransmissionValve(SIPTransactionStack stack, SipMetrics metrics, AnsweredInvites answered) {
        this.stack = stack;
        this.metrics = metrics;
        this.answered = answered;
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
        String id = request.getTransactionId();
        SIPTransaction tx = stack.findTransaction(id, true);
        if (tx == null) {
            if (!answered.contains(id)) {
                return true;
            }
            metrics.retransmissionAbsorbed();
            if (LOG.isDebugEnabled()) {
                LOG.debug("INVITE {} retransmitted after its transaction ended: absorbed", callId(request));
            }
            return false;
        }
        if (!(tx instanceof SIPServerTransaction st) || !st.isInviteTransaction()) {
            return true;
        }
        TransactionState state = st.getState();
        boolean finalSent = state == TransactionState.TERMINATED
                || state == TransactionState.COMPLETED
                || state == TransactionState.CONFIRMED;
        if (!finalSent || !sameInvite(st, request)) {
            return true; // still proceeding: the RI matches it and repeats its provisional response
        }
        metrics.retransmissionAbsorbed();
        SIPResponse last = state == TransactionState.COMPLETED ? st.getLastResponse() : null;
        if (last != null) {
            try {
                GuardedParser.send(channel, last);
            } catch (Exception e) {
                log.info("Could not repeat the final response to a retransmitted INVITE: {}", e.toString());
            }
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "INVITE {} retransmitted after its {}: absorbed", callId(request), st.getLastResponseStatusCode());
        }
        return false;
    }

    private static String callId(SIPRequest request) {
        return LogText.escape(request.getCallId().getCallId());
    }

    /** The transaction of this very INVITE: same branch (the lookup key), method and CSeq number. */
    private static boolean sameInvite(SIPServerTransaction st, SIPRequest request) {
        return Request.INVITE.equals(st.getMethod())
                && st.getCSeq() == request.getCSeq().getSeqNumber();
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
