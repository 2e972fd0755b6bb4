package org.switchboard.jainsip.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gov.nist.core.HostPort;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.TCPMessageProcessor;

/**
 * The RI's TCP processor with {@link TcpChannel}s. Connections are bounded where they are accepted (the SIP bundle's
 * guarded network layer), so the stack's own {@code MAX_CONNECTIONS} wait is not kept: Switchboard never sets it.
 */
final class TcpProcessor extends TCPMessageProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(TcpProcessor.class);

    TcpProcessor(InetAddress address, SIPTransactionStack stack, int port) {
        super(address, stack, port);
    }

    @Override
    public void run() {
        while (isRunning) {
            Socket accepted;
            try {
                accepted = sock.accept();
            } catch (SocketException e) {
                isRunning = false; // the listening socket was closed: the processor stopped
                return;
            } catch (IOException e) {
                LOG.debug("TCP accept on port {} failed: {}", getPort(), e.toString());
                continue;
            }
            try {
                TcpChannel channel =
                        new TcpChannel(accepted, sipStack, this, "TCPMessageChannelThread-" + ++nConnections);
                incomingMessageChannels.put(channel.getKey(), channel);
            } catch (IOException | RuntimeException e) {
                LOG.debug("TCP connection from {} dropped: {}", accepted.getRemoteSocketAddress(), e.toString());
                Channels.closeQuietly(accepted);
            }
        }
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
