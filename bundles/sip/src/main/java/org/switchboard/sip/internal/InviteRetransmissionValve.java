package org.switchboard.sip.internal;

import javax.sip.SipStack;
import javax.sip.TransactionState;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.util.log.LogText;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * Absorbs an INVITE retransmitted after Switchboard answered it (RFC 3261 §17.2.1, RFC 6026 §7.1: the "Accepted"
 * state). A caller retransmits its INVITE every T1 until a response arrives, so when the answer is slower than 500 ms
 * (a burst, a collector pause) copies of the INVITE wait behind the original and arrive after its final response.
 * <p>
 * While the answered INVITE's transaction lingers in the stack (the RI keeps an INVITE server transaction's request
 * until it removes it), the stack matches a copy itself: it repeats a non-2xx final response and drops a copy of a
 * 2xx-answered INVITE; this valve only counts those. Once the stack has removed the transaction, it would no longer
 * recognize the copy: it would open a second transaction for the same branch and answer {@code 482 Loop Detected} as
 * for a merged request, or make a new call of it. Such a copy, found in {@link AnsweredInvites} (Timer L, 32 s), is
 * dropped here. An INVITE whose branch is not known goes on as before.
 */
final class InviteRetransmissionValve implements SIPMessageValve {

    private static final Logger LOG = LoggerFactory.getLogger(InviteRetransmissionValve.class);

    private final SIPTransactionStack stack;
    private final SipMetrics metrics;
    private final AnsweredInvites answered;

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
        if (answered.contains(id)) {
            metrics.retransmissionAbsorbed();
            if (LOG.isDebugEnabled()) {
                LOG.debug("INVITE {} retransmitted after its transaction ended: absorbed", callId(request));
            }
            return false;
        }
        if (stack.findTransaction(id, true) instanceof SIPServerTransaction st
                && st.isInviteTransaction()
                && st.getCSeq() == request.getCSeq().getSeqNumber()
                && answeredState(st.getState())) {
            metrics.retransmissionAbsorbed(); // the stack absorbs it: see the class comment
        }
        return true;
    }

    private static boolean answeredState(TransactionState state) {
        return state == TransactionState.COMPLETED
                || state == TransactionState.CONFIRMED
                || state == TransactionState.TERMINATED;
    }

    private static String callId(SIPRequest request) {
        return LogText.escape(request.getCallId().getCallId());
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
