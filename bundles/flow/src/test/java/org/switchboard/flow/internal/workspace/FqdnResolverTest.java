package org.switchboard.flow.internal.workspace;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** SRV and A/AAAA resolution against a real DNS exchange with a small DNS server on loopback. */
public class FqdnResolverTest {

    /** Answers A (1), AAAA (28) and SRV (33) questions from a fixed zone; NXDOMAIN for other names. */
    public static final class TinyDns implements AutoCloseable {
        final DatagramSocket socket;
        final Map<String, Map<Integer, List<byte[]>>> zone;
        final Thread thread;

        public TinyDns(Map<String, Map<Integer, List<byte[]>>> zone) throws SocketException {
            this.zone = zone;
            socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
            thread = new Thread(this::serve, "tiny-dns");
            thread.setDaemon(true);
            thread.start();
        }

        public int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            byte[] buf = new byte[512];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    socket.receive(p);
                    byte[] reply = answer(ByteBuffer.wrap(p.getData(), 0, p.getLength()));
                    socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                } catch (Exception e) {
                    return;
                }
            }
        }

        private byte[] answer(ByteBuffer q) {
            short id = q.getShort(0);
            int pos = 12;
            StringBuilder name = new StringBuilder();
            for (int len = q.get(pos) & 0xff; len != 0; len = q.get(pos) & 0xff) {
                name.append(name.length() == 0 ? "" : ".").append(new String(q.array(), pos + 1, len));
                pos += len + 1;
            }
            int qtype = q.getShort(pos + 1) & 0xffff;
            int questionEnd = pos + 5;
            Map<Integer, List<byte[]>> records = zone.get(name.toString().toLowerCase());
            List<byte[]> answers = records == null ? List.of() : records.getOrDefault(qtype, List.of());
            ByteBuffer r = ByteBuffer.allocate(512);
            r.putShort(id)
                    .putShort((short) (records == null ? 0x8183 : 0x8180))
                    .putShort((short) 1)
                    .putShort((short) answers.size())
                    .putShort((short) 0)
                    .putShort((short) 0);
            r.put(q.array(), 12, questionEnd - 12);
            for (byte[] data : answers) {
                r.putShort((short) 0xc00c)
                        .putShort((short) qtype)
                        .putShort((short) 1)
                        .putInt(60)
                        .putShort((short) data.length)
                        .put(data);
            }
            byte[] out = new byte[r.position()];
            r.flip().get(out);
            return out;
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    static byte[] labels(String name) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String l : name.split("\\.")) {
            b.write(l.length());
            b.writeBytes(l.getBytes());
        }
        b.write(0);
        return b.toByteArray();
    }

    public static byte[] srv(int priority, int weight, int port, String target) {
        byte[] t = labels(target);
        return ByteBuffer.allocate(6 + t.length)
                .putShort((short) priority)
                .putShort((short) weight)
                .putShort((short) port)
                .put(t)
                .array();
    }

    public static byte[] ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal).getAddress();
    }

    private TinyDns dns;

    @Before
    public void start() throws Exception {
        dns = new TinyDns(Map.of(
                "_sip._udp.zcc.test",
                        Map.of(33, List.of(srv(10, 50, 5060, "sbc2.zcc.test"), srv(5, 10, 5060, "sbc1.zcc.test"))),
                "_sip._tcp.zcc.test", Map.of(33, List.of(srv(1, 1, 5060, "sbc2.zcc.test"))),
                "sbc1.zcc.test", Map.of(1, List.of(ip("10.1.2.3")), 28, List.of(ip("2001:db8::1"))),
                "sbc2.zcc.test", Map.of(1, List.of(ip("10.1.2.4"))),
                "plain.zcc.test", Map.of(1, List.of(ip("10.9.9.9")))));
    }

    @After
    public void stop() {
        dns.close();
    }

    private static Trunk trunk(String fqdn, String resolve, String transport) {
        return new Trunk(
                "t",
                "t",
                "zcc",
                List.of(),
                fqdn,
                resolve,
                Set.of("+15550100"),
                true,
                true,
                transport,
                null,
                0,
                0,
                "optional",
                null);
    }

    @Test
    public void srvTargetsAreResolvedBestFirstPerTransport() throws Exception {
        FqdnResolver r = new FqdnResolver("127.0.0.1:" + dns.port());
        assertEquals(
                List.of(
                        InetAddress.getByName("10.1.2.3"),
                        InetAddress.getByName("2001:db8::1"),
                        InetAddress.getByName("10.1.2.4")),
                r.resolve(trunk("zcc.test", "srv", "udp")));
        assertEquals(List.of(InetAddress.getByName("10.1.2.4")), r.resolve(trunk("zcc.test.", "srv", "tcp")));
    }

    @Test
    public void aRecordsAndTheFallbackWithoutSrv() throws Exception {
        FqdnResolver r = new FqdnResolver("127.0.0.1:" + dns.port());
        List<InetAddress> plain = List.of(InetAddress.getByName("10.9.9.9"));
        assertEquals(plain, r.resolve(trunk("plain.zcc.test", "a", "udp")));
        assertEquals(
                "no SRV records: the name's own addresses", plain, r.resolve(trunk("plain.zcc.test", "srv", "udp")));
        assertThrows(UnknownHostException.class, () -> r.resolve(trunk("nowhere.zcc.test", "a", "udp")));
        assertEquals("_sips._tcp.zcc.test", FqdnResolver.srvName(trunk("zcc.test", "srv", "tls")));
    }
}
