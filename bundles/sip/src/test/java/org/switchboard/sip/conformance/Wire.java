package org.switchboard.sip.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Sends one raw message over UDP or TCP and collects what comes back, up to the first final response. */
public final class Wire {

    /** The responses (whole texts) and, over TCP, whether the gateway closed the connection. */
    public record Exchange(List<String> responses, boolean closed) {
        /** The status codes in order, e.g. "100 404"; "drop" when nothing came. */
        public String codes() {
            if (responses.isEmpty()) {
                return "drop";
            }
            List<String> codes = new ArrayList<>();
            for (String r : responses) {
                codes.add(r.length() >= 11 ? r.substring(8, 11) : r);
            }
            return String.join(" ", codes);
        }

        public String last() {
            return responses.isEmpty() ? "" : responses.get(responses.size() - 1);
        }
    }

    /** Statuses that come from the front door or the UAS checks, never from call routing. */
    private static final Set<String> CHECK_CODES = Set.of("400", "406", "413", "415", "416", "420", "505", "513");

    private Wire() {}

    public static Exchange udp(int port, byte[] message, int waitMs) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.send(new DatagramPacket(message, message.length, InetAddress.getLoopbackAddress(), port));
            List<String> responses = new ArrayList<>();
            long deadline = System.currentTimeMillis() + waitMs;
            byte[] in = new byte[65536];
            while (System.currentTimeMillis() < deadline) {
                socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
                DatagramPacket p = new DatagramPacket(in, in.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    break;
                }
                String r = new String(in, 0, p.getLength(), StandardCharsets.UTF_8);
                responses.add(r);
                if (isFinal(r)) {
                    break;
                }
            }
            return new Exchange(responses, false);
        }
    }

    public static Exchange tcp(int port, byte[] message, int waitMs, boolean all, int closeWaitMs) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(message);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            List<String> responses = new ArrayList<>();
            long deadline = System.currentTimeMillis() + waitMs;
            ByteArrayOutputStream current = new ByteArrayOutputStream();
            boolean closed = false;
            while (System.currentTimeMillis() < deadline) {
                socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
                int b;
                try {
                    b = in.read();
                } catch (SocketTimeoutException e) {
                    break;
                } catch (IOException e) {
                    closed = true;
                    break;
                }
                if (b < 0) {
                    closed = true;
                    break;
                }
                current.write(b);
                String s = current.toString(StandardCharsets.UTF_8);
                if (s.endsWith("\r\n\r\n")) {
                    responses.add(s);
                    current.reset();
                    if (isFinal(s) && !all) {
                        // a closing gateway closes right after its answer: give it a moment to show
                        socket.setSoTimeout(closeWaitMs);
                        try {
                            closed = in.read() < 0;
                        } catch (SocketTimeoutException e) {
                            closed = false;
                        } catch (IOException e) {
                            closed = true;
                        }
                        break;
                    }
                }
            }
            return new Exchange(responses, closed);
        }
    }

    /**
     * Whether an exchange has the outcome {@code conformance/outcomes.tsv} gives: status codes in order, "app" (100
     * Trying, then a final answer from call routing rather than from a check), "drop" or "wait" (nothing), "a,b"
     * (both, any order), each optionally with "+close" (the gateway closed the connection; without it, it did not).
     */
    public static boolean matches(String expected, Wire.Exchange x) {
        boolean close = expected.endsWith("+close");
        String codes = close ? expected.substring(0, expected.length() - "+close".length()) : expected;
        if (close != x.closed()) {
            return false;
        }
        switch (codes) {
            case "drop":
            case "wait":
                return x.responses().isEmpty();
            case "app": {
                String got = x.codes();
                String last = got.substring(got.lastIndexOf(' ') + 1);
                return got.startsWith("100 ") && !CHECK_CODES.contains(last);
            }
            default:
                if (codes.contains(",")) {
                    List<String> want = new ArrayList<>(List.of(codes.split(",")));
                    List<String> got = new ArrayList<>(List.of(x.codes().split(" ")));
                    want.sort(null);
                    got.sort(null);
                    return want.equals(got);
                }
                return codes.equals(x.codes());
        }
    }

    private static boolean isFinal(String response) {
        return response.startsWith("SIP/2.0 ") && response.length() > 9 && response.charAt(8) != '1';
    }
}
