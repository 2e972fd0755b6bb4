package org.switchboard.jainsip.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;

import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.TLSMessageChannel;
import gov.nist.javax.sip.stack.TLSMessageProcessor;

/** The RI's TLS channel, except that a message written before the peer closed counts as sent ({@link SentBeforeClose}). */
final class TlsChannel extends TLSMessageChannel {

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
        SentBeforeClose.settle(e, mySock, "TLS", peerAddress, peerPort);
        mySock = null;
    }
}
