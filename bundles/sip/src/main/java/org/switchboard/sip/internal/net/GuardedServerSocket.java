package org.switchboard.sip.internal.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;

/**
 * The stack's listening socket for SIP over TCP, with every accepted connection passed through the
 * {@link Gate} first: one refused is closed there and the stack never sees it; one accepted gets the idle timeout
 * as its read timeout, so a connection that carries nothing (not even a CRLF keep-alive) for that long ends.
 */
final class GuardedServerSocket extends ServerSocket {

    private final ServerSocket delegate;
    private final Gate gate;

    GuardedServerSocket(ServerSocket delegate, Gate gate) throws IOException {
        this.delegate = delegate;
        this.gate = gate;
    }

    @Override
    public Socket accept() throws IOException {
        return gate.accept(delegate);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    @Override
    public boolean isClosed() {
        return delegate.isClosed();
    }

    @Override
    public boolean isBound() {
        return delegate.isBound();
    }

    @Override
    public InetAddress getInetAddress() {
        return delegate.getInetAddress();
    }

    @Override
    public int getLocalPort() {
        return delegate.getLocalPort();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return delegate.getLocalSocketAddress();
    }

    @Override
    public void bind(SocketAddress endpoint, int backlog) throws IOException {
        delegate.bind(endpoint, backlog);
    }

    @Override
    public synchronized void setSoTimeout(int timeout) throws SocketException {
        delegate.setSoTimeout(timeout);
    }

    @Override
    public synchronized int getSoTimeout() throws IOException {
        return delegate.getSoTimeout();
    }

    @Override
    public void setReuseAddress(boolean on) throws SocketException {
        delegate.setReuseAddress(on);
    }

    @Override
    public boolean getReuseAddress() throws SocketException {
        return delegate.getReuseAddress();
    }

    @Override
    public synchronized void setReceiveBufferSize(int size) throws SocketException {
        delegate.setReceiveBufferSize(size);
    }

    @Override
    public synchronized int getReceiveBufferSize() throws SocketException {
        return delegate.getReceiveBufferSize();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
