package org.switchboard.jainsip.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.util.log.LogThrottle;

import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageChannel;

/** What the TCP and TLS processors share. */
final class Channels {

    private static final Logger LOG = LoggerFactory.getLogger(Channels.class);
    private static final long ACCEPT_RETRY_MS = 50;
    private static final LogThrottle ACCEPT_FAILURES = new LogThrottle(TimeUnit.MINUTES.toNanos(1), 16);

    private Channels() {}

    /** Makes a channel to a peer. */
    interface Maker {
        ConnectionOrientedMessageChannel make() throws IOException;
    }

    /** The channel cached under {@code key}, or a new one made and cached; the caller holds the processor's lock. */
    static MessageChannel cached(Map<String, ConnectionOrientedMessageChannel> channels, String key, Maker maker)
            throws IOException {
        ConnectionOrientedMessageChannel channel = channels.get(key);
        if (channel == null) {
            channel = maker.make();
            channels.put(key, channel);
        }
        return channel;
    }

    /** Makes the channel of an accepted connection and registers it as incoming (or not). */
    interface Incoming {
        void accepted(Socket socket, String threadName) throws IOException;
    }

    /**
     * The accept loop of a processor: each accepted connection to {@code incoming}, numbered; returns when the
     * listening socket is closed (the processor stopped) or {@code running} turns false; any other accept
     * failure is logged (throttled) and listening goes on. Connections are bounded where
     * they are accepted (the SIP bundle's guarded network layer), so the stack's own {@code MAX_CONNECTIONS} wait is
     * not kept: Switchboard never sets it.
     */
    static void acceptAll(ServerSocket listening, String transport, BooleanSupplier running, Incoming incoming) {
        int accepted = 0;
        while (running.getAsBoolean()) {
            Socket socket;
            try {
                socket = listening.accept();
            } catch (IOException e) {
                if (listening.isClosed()) {
                    return;
                }
                acceptFailed(transport, listening.getLocalPort(), e);
                continue;
            }
            try {
                incoming.accepted(socket, transport + "MessageChannelThread-" + ++accepted);
            } catch (IOException | RuntimeException e) {
                LOG.debug(
                        "{} connection from {} dropped: {}", transport, socket.getRemoteSocketAddress(), e.toString());
                closeQuietly(socket);
            }
        }
    }

    /**
     * An accept failed with the listening socket still open: the RI's TCP processor stopped listening for good on a
     * {@link SocketException} (out of file descriptors, say). Said at most once a minute; after a
     * {@code SocketException} the loop waits a little before accepting again, so that a lasting cause does not spin
     * it.
     */
    private static void acceptFailed(String transport, int port, IOException e) {
        long held = ACCEPT_FAILURES.admit(transport + port, System.nanoTime());
        if (held >= 0) {
            LOG.warn(
                    "{} accept on port {} failed, listening goes on: {}{}",
                    transport,
                    port,
                    e.toString(),
                    held > 0 ? " (" + held + " more since the last such line)" : "");
        }
        if (!(e instanceof SocketException)) {
            return; // about that connection only
        }
        try {
            Thread.sleep(ACCEPT_RETRY_MS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
