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
import gov.nist.javax.sip.stack.TLSMessageProcessor;

/**
 * The RI's TLS processor with {@link TlsChannel}s; like {@link TcpProcessor}, without the stack's own
 * {@code MAX_CONNECTIONS} wait. An accepted connection joins the incoming channels once its handshake completed.
 */
final class TlsProcessor extends TLSMessageProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(TlsProcessor.class);

    TlsProcessor(InetAddress address, SIPTransactionStack stack, int port) {
        super(address, stack, port);
    }

    @Override
    public void run() {
        while (isRunning) {
            Socket accepted;
            try {
                accepted = sock.accept();
            } catch (SocketException e) {
                isRunning = false;
                return;
            } catch (IOException e) {
                LOG.debug("TLS accept on port {} failed: {}", getPort(), e.toString());
                continue;
            }
            try {
                TlsChannel channel =
                        new TlsChannel(accepted, sipStack, this, "TLSMessageChannelThread-" + ++nConnections);
                if (channel.isHandshakeCompleted()) {
                    incomingMessageChannels.put(channel.getKey(), channel);
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("TLS connection from {} dropped: {}", accepted.getRemoteSocketAddress(), e.toString());
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
                MessageChannel.getKey(host, port, "TLS"),
                () -> new TlsChannel(host, port, sipStack, this));
    }
}
