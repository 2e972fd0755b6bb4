package org.switchboard.jainsip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.ListeningPoint;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.After;
import org.junit.Test;

import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * A peer that answers a request and closes its connection at once, while the stack is still between writing that
 * request and adopting the socket it wrote on (made certain here: the write returns only once the stack's reader has
 * closed the connection). The RI reports the request unsent and drops its answer; with {@link TcpChannel} it is sent
 * and its answer taken.
 */
public class TcpChannelTest {

    private SipStackImpl stack;
    private SipProvider provider;
    private final BlockingQueue<Response> answers = new LinkedBlockingQueue<>();

    @After
    public void stop() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    public void aRequestAnsweredByAPeerThatThenHangsUpIsSentAndItsAnswerTaken() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            start(LeanMessageProcessorFactory.CLASS_NAME);
            Thread answering = answerTwiceThenHangUp(peer);
            send(1, peer.getLocalPort());
            assertEquals(200, awaitAnswer(1));
            send(2, peer.getLocalPort());
            assertEquals("the answer the peer gave before hanging up", 200, awaitAnswer(2));
            answering.join(10_000);
        }
    }

    @Test
    public void theRisOwnChannelReportsThatRequestUnsent() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            start(OIOMessageProcessorFactory.class.getName());
            answerTwiceThenHangUp(peer);
            send(1, peer.getLocalPort());
            assertEquals(200, awaitAnswer(1));
            try {
                send(2, peer.getLocalPort());
                fail("the RI reports a send the peer answered as failed (the race this bundle's channel settles)");
            } catch (SipException e) {
                assertTrue(
                        String.valueOf(e.getCause()),
                        String.valueOf(e.getCause()).contains("Socket is closed"));
            }
        }
    }

    private void start(String factory) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "tcp-channel-test");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.CLASS_NAME);
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", factory);
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        stack = new SipStackImpl(p);
        holdSecondWriteUntilClosed(stack);
        ListeningPoint lp = stack.createListeningPoint("127.0.0.1", port, "tcp");
        provider = stack.createSipProvider(lp);
        provider.addSipListener(new Answers(answers));
        stack.start();
    }

    private void send(int n, int peerPort) throws Exception {
        AddressFactory addresses = SipFactory.getInstance().createAddressFactory();
        HeaderFactory headers = SipFactory.getInstance().createHeaderFactory();
        javax.sip.address.SipURI target = addresses.createSipURI("peer", "127.0.0.1:" + peerPort);
        target.setTransportParam("tcp");
        List<javax.sip.header.ViaHeader> via = new ArrayList<>();
        ListeningPoint lp = provider.getListeningPoint("tcp");
        via.add(headers.createViaHeader("127.0.0.1", lp.getPort(), "tcp", null));
        Request r = SipFactory.getInstance()
                .createMessageFactory()
                .createRequest(
                        target,
                        Request.OPTIONS,
                        headers.createCallIdHeader("call-" + n),
                        headers.createCSeqHeader((long) n, Request.OPTIONS),
                        headers.createFromHeader(addresses.createAddress("sip:gw@127.0.0.1"), "gw" + n),
                        headers.createToHeader(addresses.createAddress("sip:peer@127.0.0.1"), null),
                        via,
                        headers.createMaxForwardsHeader(70));
        ClientTransaction ct = provider.getNewClientTransaction(r);
        ct.sendRequest();
    }

    private int awaitAnswer(int n) throws InterruptedException {
        Response r = answers.poll(10, TimeUnit.SECONDS);
        assertNotNull("an answer to request " + n, r);
        return r.getStatusCode();
    }

    /** Answers two requests 200 OK and closes the connection right after the second answer. */
    private static Thread answerTwiceThenHangUp(ServerSocket peer) {
        Thread t = new Thread(
                () -> {
                    try (Socket s = peer.accept()) {
                        InputStream in = s.getInputStream();
                        OutputStream out = s.getOutputStream();
                        for (int i = 0; i < 2; i++) {
                            out.write(answer(readRequest(in)).getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                },
                "hanging-up-peer");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the stack closed the connection");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static String answer(String request) {
        StringBuilder a = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String line : request.split("\r\n")) {
            String name =
                    line.contains(":") ? line.substring(0, line.indexOf(':')).trim() : "";
            switch (name) {
                case "Via", "From", "Call-ID", "CSeq" -> a.append(line).append("\r\n");
                case "To" -> a.append(line).append(";tag=peer\r\n");
                default -> {}
            }
        }
        return a.append("Content-Length: 0\r\n\r\n").toString();
    }

    /**
     * The stack's client sockets return from their second write only once closed: by then the stack's reader has
     * taken the peer's answer and seen it hang up.
     */
    private static void holdSecondWriteUntilClosed(SipStackImpl stack) throws Exception {
        NetworkLayer base = stack.getNetworkLayer();
        NetworkLayer holding = (NetworkLayer) Proxy.newProxyInstance(
                NetworkLayer.class.getClassLoader(), new Class<?>[] {NetworkLayer.class}, (proxy, method, args) -> {
                    if (method.getName().equals("createSocket") && args.length == 3) {
                        return new HoldingSocket((InetAddress) args[0], (Integer) args[1], (InetAddress) args[2]);
                    }
                    return invoke(base, method, args);
                });
        Field f = SIPTransactionStack.class.getDeclaredField("networkLayer");
        f.setAccessible(true);
        f.set(stack, holding);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static final class HoldingSocket extends Socket {
        private int writes;

        HoldingSocket(InetAddress address, int port, InetAddress local) throws IOException {
            super(address, port, local, 0);
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            return new FilterOutputStream(super.getOutputStream()) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    out.flush();
                    if (++writes == 2) {
                        awaitClosed();
                    }
                }
            };
        }

        private void awaitClosed() {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!isClosed() && System.nanoTime() < end) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static final class Answers extends TestListener {
        private final BlockingQueue<Response> answers;

        Answers(BlockingQueue<Response> answers) {
            this.answers = answers;
        }

        @Override
        public void processResponse(javax.sip.ResponseEvent event) {
            answers.add(event.getResponse());
        }
    }
}
