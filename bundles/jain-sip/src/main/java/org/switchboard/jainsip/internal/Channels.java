package org.switchboard.jainsip.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageChannel;

/** What the TCP and TLS processors share. */
final class Channels {

    private static final Logger LOG = LoggerFactory.getLogger(Channels.class);

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
     * listening socket is closed (the processor stopped) or {@code running} turns false. Connections are bounded where
     * they are accepted (the SIP bundle's guarded network layer), so the stack's own {@code MAX_CONNECTIONS} wait is
     * not kept: Switchboard never sets it.
     */
    static void acceptAll(ServerSocket listening, String transport, BooleanSupplier running, Incoming incoming) {
        int accepted = 0;
        while (running.getAsBoolean()) {
            Socket socket;
            try {
                socket = listening.accept();
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                LOG.debug("{} accept on port {} failed: {}", transport, listening.getLocalPort(), e.toString());
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

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
