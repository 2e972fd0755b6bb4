package org.switchboard.sip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.Test;
import org.switchboard.testing.FreePorts;

/**
 * An INVITE copy that arrives while its original still waits in the worker queue, and whose turn comes only after the
 * original was answered and the stack let go of its transaction: it is absorbed, not answered as an INVITE of its own.
 * The queue is made deep on purpose: one worker thread, held by the test.
 */
public class InviteCopyWireTest {

    private SipStackOwner owner;
    private DatagramSocket socket;
    private int port;

    @After
    public void stop() {
        if (socket != null) {
            socket.close();
        }
        if (owner != null) {
            owner.deactivate();
        }
    }

    @Test
    public void aCopyThatWaitedPastItsOriginalsTransactionIsAbsorbed() throws Exception {
        port = FreePorts.tcpAndUdp();
        owner = new SipStackOwner(SipSettingsTest.config(Map.of(
                "udp.port", port,
                "tcp.port", port,
                "worker.threads", 1,
                "transaction.linger.s", 1,
                "service.wait.ms", 0)));
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(5000);
        String invite = RawSip.request("INVITE", "UDP", socket.getLocalPort(), port, "");

        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(1);
        owner.workers().execute(() -> await(first));
        send(invite);
        Thread.sleep(300); // the original is queued behind the first hold
        owner.workers().execute(() -> await(second));
        send(invite);
        Thread.sleep(300); // its copy behind the second

        first.countDown();
        String answer = RawSip.receive(socket);
        while (answer != null && answer.startsWith("SIP/2.0 1")) {
            answer = RawSip.receive(socket);
        }
        assertNotNull("the original was answered", answer);
        assertTrue(answer, answer.matches("(?s)SIP/2\\.0 [3-6]\\d\\d .*")); // no flows here: refused
        Matcher tag = Pattern.compile("\r\nTo: [^\r]*;tag=([^;\r]+)").matcher(answer);
        assertTrue(answer, tag.find());
        send(invite.replace("INVITE sip:", "ACK sip:")
                .replace("CSeq: 1 INVITE", "CSeq: 1 ACK")
                .replace("To: <sip:probe@127.0.0.1>", "To: <sip:probe@127.0.0.1>;tag=" + tag.group(1)));
        for (long deadline = System.currentTimeMillis() + 20_000;
                owner.serverTransactions() > 0 && System.currentTimeMillis() < deadline; ) {
            Thread.sleep(100); // Timer I (5 s over UDP), then the 1 s linger
        }
        assertEquals("the stack let go of the original's transaction", 0, owner.serverTransactions());

        second.countDown();
        socket.setSoTimeout(1500);
        assertNull("the copy was answered as an INVITE of its own", RawSip.receive(socket));
        assertEquals("no place left counted", 0, owner.admitted());
    }

    private void send(String text) throws Exception {
        byte[] out = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(out, out.length, InetAddress.getLoopbackAddress(), port));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
