package org.switchboard.jainsip.internal;

import java.io.IOException;
import java.net.InetAddress;

import gov.nist.core.HostPort;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.TLSMessageProcessor;

/**
 * The RI's TLS processor with {@link TlsChannel}s, accepting with {@link Channels#acceptAll}; an accepted connection
 * joins the incoming channels once its handshake completed.
 */
final class TlsProcessor extends TLSMessageProcessor {

    TlsProcessor(InetAddress address, SIPTransactionStack stack, int port) {
        super(address, stack, port);
    }

    @Override
    public void run() {
        Channels.acceptAll(sock, "TLS", () -> isRunning, (socket, name) -> {
            TlsChannel channel = new TlsChannel(socket, sipStack, this, name);
            if (channel.isHandshakeCompleted()) {
                incomingMessageChannels.put(channel.getKey(), channel);
            }
        });
        isRunning = false;
    }

    @Override
    public synchronized MessageChannel createMessageChannel(HostPort target) throws IOException {
        return createMessageChannel(target.getInetAddress(), target.getPort());
    }

    @Override
    public synchronized MessageChannel createMessageChannel(InetAddress host, int port) throws IOException {
        return Channels.cached(
                messageChannels,
                MessageChannel.getKey(host, port, "TLS"),
                () -> new TlsChannel(host, port, sipStack, this));
    }
}
