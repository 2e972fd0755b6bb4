package org.switchboard.sip.internal;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.message.Response;

/** Answers OPTIONS (keep-alives and capability queries from the contact center) with 200 OK. */
final class OptionsProcessor implements MethodProcessor {

    private final Responder responder;

    OptionsProcessor(Responder responder) {
        this.responder = responder;
    }

    @Override
    public void process(RequestEvent event, ServerTransaction tx) throws Exception {
        Response ok = responder.create(Response.OK, tx.getRequest());
        responder.addAllow(ok);
        ok.setHeader(responder.headers().createAcceptHeader("application", "sdp"));
        ok.setHeader(responder.headers().createAcceptLanguageHeader(java.util.Locale.ENGLISH));
        tx.sendResponse(ok);
    }
}
