package org.switchboard.sip.internal;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.message.Response;

/**
 * Answers in-dialog requests (BYE, CANCEL) that match no dialog or transaction Switchboard holds with
 * 481 Call/Transaction Does Not Exist.
 */
final class NoDialogProcessor implements MethodProcessor {

    private final Responder responder;

    NoDialogProcessor(Responder responder) {
        this.responder = responder;
    }

    @Override
    public void process(RequestEvent event, ServerTransaction tx) throws Exception {
        responder.send(tx, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
    }
}
