package org.switchboard.jainsip.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;

import org.junit.After;
import org.junit.Test;

import gov.nist.javax.sip.SipStackImpl;

public class LeanUdpMessageProcessorTest {

    private SipStackImpl stack;
    private SipProvider provider;
    private MessageFactory messages;

    @After
    public void stop() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    public void aDatagramIsHandedOnAsExactlyItsBytes() throws Exception {
        byte[] buffer = new byte[64];
        System.arraycopy("ABCDEFGHIJ".getBytes(StandardCharsets.US_ASCII), 0, buffer, 0, 10);
        DatagramPacket in = new DatagramPacket(buffer, buffer.length);
        in.setData(buffer, 0, buffer.length);
        in.setLength(7);
        in.setAddress(InetAddress.getLoopbackAddress());
        in.setPort(5099);
        DatagramPacket out = LeanUdpMessageProcessor.copyOf(in);
        assertEquals(7, out.getData().length);
        assertArrayEquals("ABCDEFG".getBytes(StandardCharsets.US_ASCII), out.getData());
        assertEquals(5099, out.getPort());
        assertEquals(InetAddress.getLoopbackAddress(), out.getAddress());
        buffer[0] = 'Z';
        assertEquals("the copy does not share the receive buffer", 'A', out.getData()[0]);
    }

    @Test
    public void requestsOfEverySizeArriveWholeAndNothingOfALargerOneLeaksIntoTheNext() throws Exception {
        BlockingQueue<Request> received = new LinkedBlockingQueue<>();
        int port = start("127.0.0.1", received);
        java.lang.reflect.Method processors =
                gov.nist.javax.sip.stack.SIPTransactionStack.class.getDeclaredMethod("getMessageProcessors");
        processors.setAccessible(true);
        Object[] running = (Object[]) processors.invoke(stack);
        assertEquals(1, running.length);
        assertEquals(
                "the stack made its UDP processor with the factory",
                LeanUdpMessageProcessor.class,
                running[0].getClass());

        try (DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            String big = "x".repeat(40_000);
            send(peer, port, message("big-1", big));
            send(peer, port, message("small-2", "hello"));
            Request first = received.poll(10, TimeUnit.SECONDS);
            Request second = received.poll(10, TimeUnit.SECONDS);
            assertNotNull("the 40 kB request arrived", first);
            assertNotNull("the small request after it arrived", second);
            Request bigOne = first.getHeader("Call-ID").toString().contains("big-1") ? first : second;
            Request smallOne = bigOne == first ? second : first;
            assertEquals(big, new String(bigOne.getRawContent(), StandardCharsets.US_ASCII));
            assertEquals("hello", new String(smallOne.getRawContent(), StandardCharsets.US_ASCII));
            assertTrue(smallOne.getHeader("Call-ID").toString().contains("small-2"));
        }
    }

    @Test
    public void anAnswerLeavesFromTheListeningSocketAsWithTheRisOwnProcessor() throws Exception {
        BlockingQueue<Request> received = new LinkedBlockingQueue<>();
        InetAddress bound = InetAddress.getByName("127.0.0.2");
        int port = start(bound.getHostAddress(), received);
        try (DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            peer.setSoTimeout(10_000);
            String request = message("answer-3", "hi").replace("127.0.0.1:5099", "127.0.0.1:" + peer.getLocalPort());
            byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
            peer.send(new DatagramPacket(bytes, bytes.length, bound, port));
            Request in = received.poll(10, TimeUnit.SECONDS);
            assertNotNull("the request arrived", in);
            provider.sendResponse(messages.createResponse(200, in));
            DatagramPacket answer = new DatagramPacket(new byte[4096], 4096);
            peer.receive(answer);
            assertTrue(new String(answer.getData(), 0, answer.getLength(), StandardCharsets.US_ASCII)
                    .startsWith("SIP/2.0 200"));
            assertEquals("the answer's source port is the listening port", port, answer.getPort());
            assertEquals("the answer's source address is the bound one", bound, answer.getAddress());
        }
    }

    private int start(String address, BlockingQueue<Request> received) throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getByName(address))) {
            port = probe.getLocalPort();
        }
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "lean-udp-test");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.CLASS_NAME);
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", LeanMessageProcessorFactory.CLASS_NAME);
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "2");
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
        stack = new SipStackImpl(p);
        ListeningPoint lp = stack.createListeningPoint(address, port, "udp");
        provider = stack.createSipProvider(lp);
        messages = SipFactory.getInstance().createMessageFactory();
        provider.addSipListener(new RequestCollector(received));
        stack.start();
        return port;
    }

    private static void send(DatagramSocket peer, int port, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        peer.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
    }

    private static String message(String callId, String body) {
        return "MESSAGE sip:bot@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5099;branch=z9hG4bK-" + callId + "\r\n"
                + "From: <sip:peer@127.0.0.1>;tag=1\r\n"
                + "To: <sip:bot@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 MESSAGE\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Type: text/plain\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n"
                + body;
    }

    private static final class RequestCollector extends TestListener {
        private final BlockingQueue<Request> received;

        RequestCollector(BlockingQueue<Request> received) {
            this.received = received;
        }

        @Override
        public void processRequest(RequestEvent event) {
            received.add(event.getRequest());
        }
    }
}
