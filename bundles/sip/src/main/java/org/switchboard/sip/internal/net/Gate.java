package org.switchboard.sip.internal.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** The accept loop of a guarded listening socket: refused connections are closed (reset) and counted, never returned. */
public final class Gate {

    /** Told of every refused connection (metrics and a throttled log line). */
    public interface Refused {
        void refused(String transport, InetAddress source, ConnectionGuard.Refusal why);
    }

    private final String transport;
    private final ConnectionGuard guard;
    private final int idleTimeoutMs;
    private final Refused refused;

    Gate(String transport, ConnectionGuard guard, int idleTimeoutMs, Refused refused) {
        this.transport = transport;
        this.guard = guard;
        this.idleTimeoutMs = idleTimeoutMs;
        this.refused = refused;
    }

    Socket accept(ServerSocket listening) throws IOException {
        while (true) {
            Socket s = listening.accept();
            ConnectionGuard.Refusal why = guard.admit(s);
            if (why == null) {
                if (idleTimeoutMs > 0) {
                    s.setSoTimeout(idleTimeoutMs);
                }
                return s;
            }
            InetAddress source = s.getInetAddress();
            try {
                s.setSoLinger(true, 0);
                s.close();
            } catch (IOException e) {
                // gone already
            }
            refused.refused(transport, source, why);
        }
    }
}
