package org.switchboard.sip.internal;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;

/**
 * Handles the requests of one SIP method. Runs on a Switchboard worker thread, never on a stack thread, so it may
 * take its time; it must answer every request it is given (except ACK, which has no response).
 */
interface MethodProcessor {

    /**
     * Processes a request.
     *
     * @param event the stack's event
     * @param tx the server transaction created for the request; {@code null} for ACK
     */
    void process(RequestEvent event, ServerTransaction tx) throws Exception;
}
