package org.switchboard.sip.internal.net;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * The stack's network layer with its TCP and TLS listening sockets guarded (see {@link ConnectionGuard}); every
 * other socket is the stack's own. The RI keeps one thread reading each connection, so a connection costs threads:
 * bounding how many there are, from whom, and for how long they may sit idle bounds what a peer can take.
 */
public final class GuardedNetworkLayer implements NetworkLayer {

    private final NetworkLayer base;
    private final Gate tcp;
    private final Gate tls;

    private GuardedNetworkLayer(NetworkLayer base, Gate tcp, Gate tls) {
        this.base = base;
        this.tcp = tcp;
        this.tls = tls;
    }

    /**
     * Puts the guard in front of {@code stack}'s listening sockets; call it before any listening point is created.
     *
     * @param idleTimeoutMs how long an accepted connection may carry nothing before it is closed, 0 for ever
     */
    public static void install(SipStackImpl stack, ConnectionGuard guard, int idleTimeoutMs, Gate.Refused refused) {
        try {
            Field f = SIPTransactionStack.class.getDeclaredField("networkLayer");
            f.setAccessible(true);
            NetworkLayer base = stack.getNetworkLayer(); // the default one when the field is still unset
            f.set(
                    stack,
                    new GuardedNetworkLayer(
                            base,
                            new Gate("tcp", guard, idleTimeoutMs, refused),
                            new Gate("tls", guard, idleTimeoutMs, refused)));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("JAIN-SIP's network layer cannot be guarded: " + e, e);
        }
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return new GuardedServerSocket(base.createServerSocket(port, backlog, bindAddress), tcp);
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return new GuardedSslServerSocket(base.createSSLServerSocket(port, backlog, bindAddress), tls);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return base.createSocket(address, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        return base.createSocket(address, port, myAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress, int myPort) throws IOException {
        return base.createSocket(address, port, myAddress, myPort);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        return base.createSSLSocket(address, port);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        return base.createSSLSocket(address, port, myAddress);
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return base.createDatagramSocket();
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress laddr) throws SocketException {
        return base.createDatagramSocket(port, laddr);
    }

    @Override
    public void setSipStack(SipStackImpl sipStack) {
        base.setSipStack(sipStack);
    }
}
