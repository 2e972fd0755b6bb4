package org.switchboard.sip.internal;

import java.util.function.BooleanSupplier;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.message.Response;

/**
 * Answers OPTIONS (keep-alives and capability queries from the contact center, a proxy's probes) with 200 OK, or
 * with 503 and Retry-After while the node takes no new calls (drained or stopping), so that a proxy probing it sends
 * its calls elsewhere.
 */
final class OptionsProcessor implements MethodProcessor {

    private final Responder responder;
    private final BooleanSupplier closed;
    private final int retryAfterS;

    OptionsProcessor(Responder responder, BooleanSupplier closed, int retryAfterS) {
        this.responder = responder;
        this.closed = closed;
        this.retryAfterS = retryAfterS;
    }

    @Override
    public void process(RequestEvent event, ServerTransaction tx) throws Exception {
        if (closed.getAsBoolean()) {
            Response busy = responder.create(Response.SERVICE_UNAVAILABLE, tx.getRequest());
            busy.setHeader(responder.headers().createRetryAfterHeader(retryAfterS));
            tx.sendResponse(busy);
            return;
        }
        Response ok = responder.create(Response.OK, tx.getRequest());
        responder.addAllow(ok);
        ok.setHeader(responder.headers().createAcceptHeader("application", "sdp"));
        ok.setHeader(responder.headers().createAcceptLanguageHeader(java.util.Locale.ENGLISH));
        tx.sendResponse(ok);
    }
}
