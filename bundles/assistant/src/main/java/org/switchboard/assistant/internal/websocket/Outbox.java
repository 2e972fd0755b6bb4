package org.switchboard.assistant.internal.websocket;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * What the bridge sends, in order: the JDK's WebSocket allows one send at a time, so messages queue here and go
 * one after another. Callable from any thread without blocking; a bot that stops reading shows as a growing
 * {@link #backlog()}.
 */
final class Outbox {

    private final WebSocket socket;
    private final Consumer<Throwable> onFailure;
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicInteger backlog = new AtomicInteger();
    private volatile boolean closed;

    Outbox(WebSocket socket, Consumer<Throwable> onFailure) {
        this.socket = socket;
        this.onFailure = onFailure;
    }

    void text(String json) {
        add(json);
    }

    void binary(byte[] data) {
        add(ByteBuffer.wrap(data));
    }

    /** Messages queued and not yet sent. */
    int backlog() {
        return backlog.get();
    }

    /** Sends nothing more. */
    void close() {
        closed = true;
        queue.clear();
    }

    private void add(Object message) {
        if (closed) {
            return;
        }
        queue.add(message);
        backlog.incrementAndGet();
        pump();
    }

    private void pump() {
        while (!queue.isEmpty() && sending.compareAndSet(false, true)) {
            Object next = queue.poll();
            if (next == null) {
                sending.set(false);
                continue;
            }
            backlog.decrementAndGet();
            var sent = next instanceof String s ? socket.sendText(s, true) : socket.sendBinary((ByteBuffer) next, true);
            sent.whenComplete((ws, e) -> {
                sending.set(false);
                if (e != null) {
                    closed = true;
                    onFailure.accept(e);
                } else {
                    pump();
                }
            });
            return;
        }
    }
}
