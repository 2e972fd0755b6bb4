package org.switchboard.sip.internal;

import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.message.Request;

/**
 * A call's passes past a full worker backlog: its first ACK and its first BYE each get one. The ACK starts the
 * call's flow and the BYE ends it; refusing either under a flood would leave the caller in silence until a timer
 * ends the call. One pass each per call, so copies of them cannot grow the queue.
 */
final class BacklogPasses {

    private static final int ACK = 1;
    private static final int BYE = 2;

    private final AtomicInteger used = new AtomicInteger();

    /** True the first time for each of ACK and BYE; false for any other method and after the pass is used. */
    boolean take(String method) {
        int bit = Request.ACK.equals(method) ? ACK : Request.BYE.equals(method) ? BYE : 0;
        return bit != 0 && (used.getAndUpdate(v -> v | bit) & bit) == 0;
    }
}
