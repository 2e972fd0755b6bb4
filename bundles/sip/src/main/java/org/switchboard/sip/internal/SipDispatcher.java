package org.switchboard.sip.internal;

import java.util.Map;
import java.util.Optional;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.TransactionUnavailableException;
import javax.sip.header.RetryAfterHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.util.log.LogText;

/**
 * The SIP stack's one listener: hands each request to the processor of its method on Switchboard's worker pool
 * (never blocking the stack's threads; 503 when the pool is full), checks it first ({@link RequestChecks}), answers
 * what nobody processes (405 for REGISTER, 501 for unknown methods, 400 for what cannot hold a transaction), and
 * routes responses and timeouts of Switchboard's own requests back to their call.
 */
final class SipDispatcher implements SipListener {

    private static final Logger LOG = LoggerFactory.getLogger(SipDispatcher.class);

    private final SipSettings settings;
    private final SipProvider provider;
    private final Responder responder;
    private final SipWorkers workers;
    private final SipContext calls;
    private final CallAdmission admission;
    private final Map<String, MethodProcessor> processors;
    private final MethodProcessor notImplemented;
    /** REGISTER: a method of RFC 3261 Switchboard knows but, not being a registrar, does not allow (405). */
    private final MethodProcessor notAllowed;

    private final AnsweredInvites answeredInvites;

    private final ThrottledLog rejections = new ThrottledLog(LOG, 1_000_000_000L);

    SipDispatcher(
            SipSettings settings,
            SipProvider provider,
            Responder responder,
            SipWorkers workers,
            SipContext calls,
            Map<String, MethodProcessor> processors,
            AnsweredInvites answeredInvites) {
        this.settings = settings;
        this.answeredInvites = answeredInvites;
        this.provider = provider;
        this.responder = responder;
        this.workers = workers;
        this.calls = calls;
        this.admission = calls.admission;
        this.processors = processors;
        this.notImplemented = (event, tx) -> responder.send(tx, Response.NOT_IMPLEMENTED, null);
        this.notAllowed = (event, tx) -> responder.send(tx, Response.METHOD_NOT_ALLOWED, null);
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        Runnable task = () -> dispatch(event, method);
        if (workers.offerRequest(task)) {
            return;
        }
        if ((Request.ACK.equals(method) || Request.BYE.equals(method))
                && calls.find(request).map(c -> c.backlogPasses.take(method)).orElse(false)) {
            workers.execute(task); // the ACK that starts a live call's flow, or the BYE that ends it
            return;
        }
        overloaded(event);
    }

    private void dispatch(RequestEvent event, String method) {
        ServerTransaction tx = null;
        try {
            if (!Request.ACK.equals(method)) {
                tx = event.getServerTransaction();
                // a copy that passed the valve while its original still waited in the worker queue
                if (tx == null && answeredInvites.isCopy(event.getRequest())) {
                    giveBack(event.getRequest());
                    calls.metrics.retransmissionAbsorbed();
                    LOG.debug("INVITE copy that waited past its original's transaction absorbed");
                    return;
                }
                if (tx == null) {
                    try {
                        tx = provider.getNewServerTransaction(event.getRequest());
                    } catch (TransactionUnavailableException e) {
                        if (e.getCause() instanceof java.text.ParseException bad) {
                            giveBack(event.getRequest());
                            badRequest(event, bad.getMessage());
                            return;
                        }
                        throw e;
                    }
                }
            }
            MethodProcessor processor = processors.get(method);
            if (processor == null) {
                if (tx == null) {
                    return; // an ACK for nothing we answered: absorb it
                }
                processor = Request.REGISTER.equals(method) ? notAllowed : notImplemented;
            } else if (tx != null) {
                Response refusal = RequestChecks.check(event.getRequest(), responder);
                if (refusal != null) {
                    giveBack(event.getRequest());
                    tx.sendResponse(refusal);
                    LOG.debug("{} refused with {}", method, refusal.getStatusCode());
                    return;
                }
            }
            processor.process(event, tx);
        } catch (TransactionAlreadyExistsException e) {
            giveBack(event.getRequest());
            LOG.debug("Retransmitted {} absorbed by its transaction", method);
        } catch (Exception e) {
            giveBack(event.getRequest());
            LOG.error("{} processing failed: {}", method, e.toString(), e);
            if (tx != null) {
                try {
                    responder.send(tx, Response.SERVER_INTERNAL_ERROR, null);
                } catch (Exception ignored) {
                    // the transaction may have been answered already
                }
            }
        }
    }

    /** An INVITE that will not become a call gives back its place in the overload count. */
    private void giveBack(Request request) {
        if (((gov.nist.javax.sip.message.SIPMessage) request).getApplicationData() instanceof CallAdmission.Ticket t) {
            admission.refused(t);
        }
    }

    /** A request the stack parsed but cannot hold a transaction for (a required header missing): 400, statelessly. */
    private void badRequest(RequestEvent event, String reason) {
        try {
            Response r = responder.create(Response.BAD_REQUEST, event.getRequest());
            r.addHeader(responder.headers().createWarningHeader(settings.address(), 399, reason.replace('"', '\'')));
            provider.sendResponse(r);
            String from = ((gov.nist.javax.sip.message.SIPMessage) event.getRequest())
                    .getRemoteAddress()
                    .getHostAddress();
            rejections.infoFrom(
                    from,
                    "Rejected {} from {}: 400 {}",
                    LogText.escape(event.getRequest().getMethod()),
                    from,
                    LogText.escape(reason));
        } catch (Exception e) {
            LOG.warn(
                    "Could not answer a bad {} with 400: {}", event.getRequest().getMethod(), e.toString());
        }
    }

    private void overloaded(RequestEvent event) {
        if (Request.ACK.equals(event.getRequest().getMethod())) {
            return;
        }
        giveBack(event.getRequest());
        try {
            Response busy = responder.create(Response.SERVICE_UNAVAILABLE, event.getRequest());
            RetryAfterHeader retry = responder.headers().createRetryAfterHeader(settings.retryAfterS());
            busy.setHeader(retry);
            provider.sendResponse(busy);
        } catch (Exception e) {
            LOG.warn("Could not answer 503 under overload: {}", e.toString());
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        ClientTransaction ct = event.getClientTransaction();
        if (ct != null && ct.getApplicationData() instanceof SipCall.Pending p) {
            if (event.getResponse().getStatusCode() >= 200) {
                ct.setApplicationData(null); // the transaction lingers for its timers: it must not keep the call
            }
            // never refused: the call waits for it to end, or to go on
            workers.execute(() -> p.call().responseReceived(p, event.getResponse()));
            return;
        }
        javax.sip.message.Response r = event.getResponse();
        javax.sip.header.CSeqHeader cseq = (javax.sip.header.CSeqHeader) r.getHeader(javax.sip.header.CSeqHeader.NAME);
        javax.sip.header.CallIdHeader callId =
                (javax.sip.header.CallIdHeader) r.getHeader(javax.sip.header.CallIdHeader.NAME);
        if (cseq != null && callId != null && javax.sip.message.Request.BYE.equals(cseq.getMethod())) {
            Optional<SipCall> call = calls.byCallId(callId.getCallId());
            if (call.isPresent()) {
                // a response outside its transaction may be anyone's: it waits its turn like a request
                if (!workers.offerRequest(() -> call.get().strayByeResponse(r))) {
                    LOG.debug("Response {} outside its transaction dropped: workers are saturated", r.getStatusCode());
                }
                return;
            }
        }
        LOG.debug("Dropped unmatched response {}", r.getStatusCode());
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        ClientTransaction ct = event.getClientTransaction();
        if (ct != null && ct.getApplicationData() instanceof SipCall.Pending p) {
            ct.setApplicationData(null);
            javax.sip.message.Request request = ct.getRequest(); // now: a terminated transaction lets go of it
            workers.execute(() -> p.call().timedOut(p, request));
            return;
        }
        LOG.debug("SIP transaction timeout: {}", event.getTimeout());
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.warn("SIP I/O error with {}:{} over {}", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        if (event.isServerTransaction()
                && event.getServerTransaction() instanceof gov.nist.javax.sip.stack.SIPServerTransaction st
                && st.isInviteTransaction()
                && st.getLastResponseStatusCode() >= 200) {
            answeredInvites.answered(st.getTransactionId()); // copies of it still come: InviteRetransmissionValve
        }
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // dialogs arrive with call handling
    }
}
