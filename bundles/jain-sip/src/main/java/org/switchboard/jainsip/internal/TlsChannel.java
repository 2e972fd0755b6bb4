package org.switchboard.jainsip.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.TLSMessageChannel;
import gov.nist.javax.sip.stack.TLSMessageProcessor;

/** The RI's TLS channel, except that a message written before the peer closed counts as sent ({@link SentBeforeClose}). */
final class TlsChannel extends TLSMessageChannel {

    private static final Logger LOG = LoggerFactory.getLogger(TlsChannel.class);

    /** A channel on a connection the processor accepted; its reader starts at once. */
    TlsChannel(Socket accepted, SIPTransactionStack stack, TLSMessageProcessor processor, String threadName)
            throws IOException {
        super(accepted, stack, processor, threadName);
    }

    /** A channel that connects to {@code address}:{@code port} when it first sends; its processor caches it. */
    TlsChannel(InetAddress address, int port, SIPTransactionStack stack, TLSMessageProcessor processor)
            throws IOException {
        super(address, port, stack, processor);
        isCached = true;
    }

    @Override
    protected synchronized void sendMessage(byte[] msg, boolean retry) throws IOException {
        try {
            super.sendMessage(msg, retry);
        } catch (SocketException e) {
            settle(e);
        }
    }

    @Override
    public synchronized void sendMessage(byte[] message, InetAddress receiverAddress, int receiverPort, boolean retry)
            throws IOException {
        try {
            super.sendMessage(message, receiverAddress, receiverPort, retry);
        } catch (SocketException e) {
            settle(e);
        }
    }

    private void settle(SocketException e) throws SocketException {
        if (!SentBeforeClose.written(mySock)) {
            throw e;
        }
        mySock = null; // as the reader's close left it
        LOG.debug("Sent to {}:{} over TLS just before the peer closed the connection", peerAddress, peerPort);
    }
}
