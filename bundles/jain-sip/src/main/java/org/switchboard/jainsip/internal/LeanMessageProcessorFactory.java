package org.switchboard.jainsip.internal;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;

import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * The stack's message processors: {@link LeanUdpMessageProcessor} for UDP, {@link TcpProcessor} and
 * {@link TlsProcessor} (the RI's blocking-I/O ones with a send race fixed, see {@link SentBeforeClose}) for TCP and
 * TLS, the RI's own for any other transport. The stack instantiates this class by name from the wrapper bundle's class loader when the property
 * {@code gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY} names it, so it lives inside this bundle.
 *
 * <p>Like the RI's factory, making a UDP processor sets the stack's package-private {@code udpFlag}: with it, UDP
 * messages leave from the listening socket. Without it the RI sends each one from a new socket on an ephemeral port
 * of the wildcard address, so a proxy that answers to the source (Kamailio adding {@code received}) answers where
 * nothing listens when the stack is bound to one address.
 */
public class LeanMessageProcessorFactory implements MessageProcessorFactory {

    /** The class name to give as {@code gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY}. */
    public static final String CLASS_NAME = LeanMessageProcessorFactory.class.getName();

    private static final Field UDP_FLAG = udpFlag();

    private final OIOMessageProcessorFactory others = new OIOMessageProcessorFactory();

    @Override
    public MessageProcessor createMessageProcessor(
            SIPTransactionStack stack, InetAddress address, int port, String transport) throws IOException {
        if ("udp".equalsIgnoreCase(transport)) {
            LeanUdpMessageProcessor processor = new LeanUdpMessageProcessor(address, stack, port);
            sendFromListeningSockets(stack);
            return processor;
        }
        if ("tcp".equalsIgnoreCase(transport)) {
            return new TcpProcessor(address, stack, port);
        }
        if ("tls".equalsIgnoreCase(transport)) {
            return new TlsProcessor(address, stack, port);
        }
        return others.createMessageProcessor(stack, address, port, transport);
    }

    /** Sets the stack's {@code udpFlag}, as the RI's factory does when it makes a UDP processor. */
    static void sendFromListeningSockets(SIPTransactionStack stack) {
        try {
            UDP_FLAG.setBoolean(stack, true);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("JAIN-SIP's SIPTransactionStack.udpFlag cannot be set", e);
        }
    }

    private static Field udpFlag() {
        try {
            Field f = SIPTransactionStack.class.getDeclaredField("udpFlag");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError(
                    "this JAIN-SIP has no SIPTransactionStack.udpFlag to send UDP from the listening socket: " + e);
        }
    }
}
