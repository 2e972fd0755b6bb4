package org.switchboard.sip.internal;

import java.util.Optional;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A request that belongs to a call (BYE, CANCEL, UPDATE, NOTIFY, INFO): handed to the call it matches, or answered
 * 481 Call/Transaction Does Not Exist when it matches none.
 */
final class InDialogProcessor implements MethodProcessor {

    /** What the matched call does with the request. */
    interface Handler {
        void handle(SipCall call, ServerTransaction tx, Request request) throws Exception;
    }

    private final SipContext ctx;
    private final Handler handler;

    InDialogProcessor(SipContext ctx, Handler handler) {
        this.ctx = ctx;
        this.handler = handler;
    }

    @Override
    public void process(RequestEvent event, ServerTransaction tx) throws Exception {
        Optional<SipCall> call = ctx.find(event.getRequest());
        if (call.isPresent()) {
            handler.handle(call.get(), tx, event.getRequest());
        } else {
            ctx.responder.send(tx, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
        }
    }

    /** ACK has no response: it is given to its call, or absorbed. */
    static MethodProcessor ack(SipContext ctx) {
        return (event, tx) -> ctx.find(event.getRequest()).ifPresent(c -> c.ack(event.getRequest()));
    }
}
