package org.switchboard.sip.internal;

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

/** A minimal SIP peer on raw sockets for unit tests: sends a request text, returns the first response text. */
final class RawSip {

    private RawSip() {}

    static String request(String method, String transport, int localPort, int port, String extra) {
        String branch = "z9hG4bK" + Long.toHexString(System.nanoTime());
        return method + " sip:probe@127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " 127.0.0.1:" + localPort + ";branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:tester@127.0.0.1>;tag=t" + Long.toHexString(System.nanoTime()) + "\r\n"
                + "To: <sip:probe@127.0.0.1>\r\n"
                + "Call-ID: " + Long.toHexString(System.nanoTime()) + "@127.0.0.1\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Contact: <sip:tester@127.0.0.1:" + localPort + ">\r\n"
                + extra
                + "Content-Length: 0\r\n\r\n";
    }

    /** Sends over UDP; returns the response, or {@code null} if none came within {@code timeoutMs}. */
    static String udp(int port, String method, String extra, int timeoutMs) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(timeoutMs);
            byte[] out =
                    request(method, "UDP", socket.getLocalPort(), port, extra).getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(out, out.length, InetAddress.getLoopbackAddress(), port));
            return receive(socket);
        }
    }

    /** Sends raw text over UDP; returns the response or {@code null}. */
    static String udpRaw(int port, String text, DatagramSocket socket) throws IOException {
        byte[] out = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(out, out.length, InetAddress.getLoopbackAddress(), port));
        return receive(socket);
    }

    static String receive(DatagramSocket socket) throws IOException {
        byte[] in = new byte[65536];
        DatagramPacket packet = new DatagramPacket(in, in.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return new String(in, 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    /** Sends over TCP; returns the response head. */
    static String tcp(int port, String method, String extra, int timeoutMs) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(timeoutMs);
            socket.getOutputStream()
                    .write(request(method, "TCP", socket.getLocalPort(), port, extra)
                            .getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                String s = head.toString(StandardCharsets.UTF_8);
                if (s.endsWith("\r\n\r\n")) {
                    return s;
                }
            }
            return head.toString(StandardCharsets.UTF_8);
        }
    }
}
