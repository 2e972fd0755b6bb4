package org.switchboard.jainsip.internal;

import java.io.IOException;
import java.net.InetAddress;

import gov.nist.core.HostPort;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.TCPMessageProcessor;

/**
 * The RI's TCP processor with {@link TcpChannel}s, accepting with {@link Channels#acceptAll}.
 */
final class TcpProcessor extends TCPMessageProcessor {

    TcpProcessor(InetAddress address, SIPTransactionStack stack, int port) {
        super(address, stack, port);
    }

    @Override
    public void run() {
        Channels.acceptAll(sock, "TCP", () -> isRunning, (socket, name) -> {
            TcpChannel channel = new TcpChannel(socket, sipStack, this, name);
            incomingMessageChannels.put(channel.getKey(), channel);
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
                MessageChannel.getKey(host, port, "TCP"),
                () -> new TcpChannel(host, port, sipStack, this));
    }
}
