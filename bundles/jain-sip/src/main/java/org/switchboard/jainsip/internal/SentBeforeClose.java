package org.switchboard.jainsip.internal;

import java.net.Socket;
import java.net.SocketException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A send the RI reports failed although its message went out. After writing a message, the RI's TCP and TLS channels
 * adopt the socket they wrote it on ({@code mySock = sock; mySock.getInputStream()}) when it is not the one they hold.
 * Their reader thread closes the channel, and sets {@code mySock} to null, as soon as the peer closes the connection;
 * when the peer answers and hangs up between the write and that adoption (a caller answering the gateway's BYE with
 * 200 OK and closing at once), the adopted socket is already closed, the send throws "Socket is closed", the
 * transaction is terminated and the answer that arrived meanwhile is dropped. Only that adoption can leave a closed
 * socket adopted: the RI's own write failures are retried on a new connection or reported otherwise.
 */
final class SentBeforeClose {

    private static final Logger LOG = LoggerFactory.getLogger(SentBeforeClose.class);

    private SentBeforeClose() {}

    /**
     * Rethrows {@code e}, the failure of a send, unless it only failed to adopt {@code adopted} (the channel's socket
     * after the failure), closed by the reader after the message was written on it; the caller then sets its socket
     * to null, as the reader's close left it, and the send counts as done.
     */
    static void settle(SocketException e, Socket adopted, String transport, Object peer, int port)
            throws SocketException {
        if (adopted == null || !adopted.isClosed()) {
            throw e;
        }
        LOG.debug("Sent to {}:{} over {} just before the peer closed the connection", peer, port, transport);
    }
}
