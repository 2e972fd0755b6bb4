package org.switchboard.jainsip.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.LinkedList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.util.log.LogThrottle;

import gov.nist.core.ThreadAuditor;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageProcessor;

/**
 * The stack's UDP listener, receiving every datagram into one buffer of the largest size and handing on a copy of
 * just the bytes that came. The RI's own processor allocates a fresh buffer of the largest size (64 KiB) per datagram,
 * which at a few hundred calls a second was the largest single source of garbage in the gateway (29 % of the bytes
 * allocated at 400 calls/s, async-profiler). Everything else (the queue, the channel threads that parse, the socket
 * and its options) is the RI's.
 */
class LeanUdpMessageProcessor extends UDPMessageProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(LeanUdpMessageProcessor.class);
    private static final long PROBLEM_INTERVAL_NS = 10_000_000_000L;

    private final int poolSize;
    private final LogThrottle problems = new LogThrottle(PROBLEM_INTERVAL_NS, 1);

    LeanUdpMessageProcessor(InetAddress address, SIPTransactionStack stack, int port) throws IOException {
        super(address, stack, port);
        this.poolSize = poolSize(stack);
    }

    /** The stack's {@code THREAD_POOL_SIZE}, or -1 (a channel per datagram) when it is not set, as in the RI. */
    static int poolSize(SIPTransactionStack stack) {
        String value = stack instanceof SipStackImpl s
                ? s.getConfigurationProperties().getProperty("gov.nist.javax.sip.THREAD_POOL_SIZE")
                : null;
        if (value == null || value.isBlank()) {
            return -1;
        }
        return Integer.parseInt(value.trim());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void run() {
        messageChannels = new LinkedList<>();
        String name = ((SipStackImpl) sipStack).getStackName() + "-UDPMessageChannelThread-";
        for (int i = 0; i < poolSize; i++) {
            messageChannels.add(new Channel(sipStack, this, name + i));
        }
        ThreadAuditor auditor = sipStack.getThreadAuditor();
        ThreadAuditor.ThreadHandle handle = auditor == null ? null : auditor.addCurrentThread();
        byte[] buffer = new byte[getMaximumMessageSize()];
        DatagramPacket in = new DatagramPacket(buffer, buffer.length);
        while (isRunning) {
            try {
                if (handle != null) {
                    handle.ping();
                }
                in.setData(buffer, 0, buffer.length);
                sock.receive(in);
                DatagramPacket packet = copyOf(in);
                if (poolSize != -1) {
                    messageQueue.offer(new DatagramQueuedMessageDispatch(packet, System.currentTimeMillis()));
                } else {
                    new Channel(sipStack, this, packet);
                }
            } catch (SocketTimeoutException e) {
                // the thread auditor's ping interval: go round
            } catch (SocketException e) {
                if (!isRunning) {
                    return;
                }
                report(e);
            } catch (Exception e) {
                report(e);
            }
        }
    }

    /** The datagram's bytes, no more, with where it came from. */
    static DatagramPacket copyOf(DatagramPacket in) {
        byte[] bytes = Arrays.copyOfRange(in.getData(), in.getOffset(), in.getOffset() + in.getLength());
        return new DatagramPacket(bytes, bytes.length, in.getAddress(), in.getPort());
    }

    private void report(Exception e) {
        if (problems.admit("udp", System.nanoTime()) >= 0) {
            LOG.warn("UDP receive on port {} failed: {}", getPort(), e.toString());
        }
    }

    /** The RI's channel, made from here: its constructors are protected. */
    private static final class Channel extends UDPMessageChannel {
        Channel(SIPTransactionStack stack, UDPMessageProcessor processor, String name) {
            super(stack, processor, name);
        }

        Channel(SIPTransactionStack stack, UDPMessageProcessor processor, DatagramPacket packet) {
            super(stack, processor, packet);
        }
    }
}
