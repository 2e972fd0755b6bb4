package org.switchboard.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free loopback ports, for tests that must never collide with another run on the same machine. */
public final class FreePorts {

    private FreePorts() {}

    /** A port free for both TCP and UDP on 127.0.0.1 (SIP listens on both). */
    public static int tcpAndUdp() throws IOException {
        for (int i = 0; i < 100; i++) {
            int port = tcp();
            try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                return port;
            } catch (IOException taken) {
                // the UDP side is in use; try another
            }
        }
        throw new IOException("no port free for both TCP and UDP");
    }

    /** Whether {@code port} can be listened on for TCP on 127.0.0.1 now. */
    public static boolean tcpFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** A TCP port free on 127.0.0.1. */
    public static int tcp() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
