package org.switchboard.jainsip.internal;

import java.io.IOException;
import java.net.Socket;
import java.util.Map;

import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageChannel;

/** What the TCP and TLS processors share. */
final class Channels {

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

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
