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

    /**
     * A TCP port free on 127.0.0.1, chosen at random outside the kernel's ephemeral range: a port the kernel handed
     * out (port 0) can be given again as the local port of any outgoing connection between this probe and the bind of
     * whatever is to listen on it (a SIP stack once failed to start on "Address already in use" that way).
     */
    public static int tcp() throws IOException {
        int[] range = listenRange();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 200; i++) {
            int port = random.nextInt(range[0], range[1]);
            if (tcpFree(port)) {
                return port;
            }
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Ports [from, to) no outgoing connection takes: below the ephemeral range when there is room, else above it. */
    static int[] listenRange() {
        int low = 32768;
        int high = 60999;
        try {
            String[] r = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .trim()
                    .split("\\s+");
            low = Integer.parseInt(r[0]);
            high = Integer.parseInt(r[1]);
        } catch (IOException | RuntimeException notLinux) {
            // the Linux default
        }
        return low > 11_000 ? new int[] {10_000, low} : new int[] {Math.min(high + 1, 65_000), 65_536};
    }
}
