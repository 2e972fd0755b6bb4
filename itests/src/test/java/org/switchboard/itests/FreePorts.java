package org.switchboard.itests;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free loopback ports, for tests that must never collide with another run on the same machine. */
final class FreePorts {

    private FreePorts() {
    }

    /** A port free for both TCP and UDP on 127.0.0.1. */
    static int tcpAndUdp() throws IOException {
        for (int i = 0; i < 100; i++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no port free for both TCP and UDP");
    }
}
