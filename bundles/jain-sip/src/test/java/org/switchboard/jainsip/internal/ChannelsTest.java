package org.switchboard.jainsip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.Test;

public class ChannelsTest {

    @Test
    public void anAcceptFailureWithTheSocketOpenLeavesListeningOnAndClosingTheSocketEndsIt() throws Exception {
        try (ServerSocket real = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                ServerSocket failingOnce = new ServerSocket() {
                    private int calls;

                    @Override
                    public Socket accept() throws IOException {
                        if (++calls == 1) {
                            throw new SocketException("Too many open files");
                        }
                        return real.accept();
                    }

                    @Override
                    public boolean isClosed() {
                        return real.isClosed();
                    }

                    @Override
                    public int getLocalPort() {
                        return real.getLocalPort();
                    }
                }) {
            List<String> accepted = new CopyOnWriteArrayList<>();
            Thread loop = new Thread(() -> Channels.acceptAll(failingOnce, "TCP", () -> true, (socket, name) -> {
                accepted.add(name);
                socket.close();
            }));
            loop.start();
            try (Socket caller = new Socket(InetAddress.getLoopbackAddress(), real.getLocalPort())) {
                long end = System.nanoTime() + 10_000_000_000L;
                while (accepted.isEmpty() && System.nanoTime() < end) {
                    Thread.sleep(10);
                }
            }
            assertEquals(
                    "the connection after the failed accept was taken", List.of("TCPMessageChannelThread-1"), accepted);
            real.close();
            loop.join(10_000);
            assertFalse("closing the listening socket ends the loop", loop.isAlive());
        }
    }
}
