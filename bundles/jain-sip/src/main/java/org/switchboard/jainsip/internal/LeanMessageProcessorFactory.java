package org.switchboard.jainsip.internal;

import java.io.IOException;
import java.net.InetAddress;

import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * The stack's message processors: {@link LeanUdpMessageProcessor} for UDP, the RI's own (blocking I/O) for every
 * other transport. The stack instantiates this class by name from the wrapper bundle's class loader when the property
 * {@code gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY} names it, so it lives inside this bundle.
 */
public class LeanMessageProcessorFactory implements MessageProcessorFactory {

    /** The class name to give as {@code gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY}. */
    public static final String CLASS_NAME = LeanMessageProcessorFactory.class.getName();

    private final OIOMessageProcessorFactory others = new OIOMessageProcessorFactory();

    @Override
    public MessageProcessor createMessageProcessor(
            SIPTransactionStack stack, InetAddress address, int port, String transport) throws IOException {
        if ("udp".equalsIgnoreCase(transport)) {
            return new LeanUdpMessageProcessor(address, stack, port);
        }
        return others.createMessageProcessor(stack, address, port, transport);
    }
}
