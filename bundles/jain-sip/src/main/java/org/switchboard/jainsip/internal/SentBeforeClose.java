package org.switchboard.jainsip.internal;

import java.net.Socket;

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

    private SentBeforeClose() {}

    /**
     * Whether a send that failed with a {@link java.net.SocketException} only failed to adopt {@code adopted} (the
     * channel's socket after the failure), closed by the reader after the message was written on it.
     */
    static boolean written(Socket adopted) {
        return adopted != null && adopted.isClosed();
    }
}
