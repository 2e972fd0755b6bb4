package org.switchboard.media.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.util.log.LogText;
import org.switchboard.util.log.LogThrottle;

/**
 * The two threads a share of the calls uses (the engine runs one loop per configured media thread and spreads
 * sessions over them): a receiver that waits on one NIO selector for the sockets of all sessions,
 * and a pacer that, every 20 ms on an absolute schedule (no drift), lets each session send its next frame. A
 * session's work per packet or frame is small, so hundreds of calls fit in these two threads.
 */
final class MediaLoop implements AutoCloseable {

    static final long FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final Logger LOG = LoggerFactory.getLogger(MediaLoop.class);

    private final Selector selector;
    private final LogThrottle failures = new LogThrottle(10_000_000_000L, 4096);
    private final Queue<RtpSession> pending = new ConcurrentLinkedQueue<>();
    private final Set<RtpSession> sessions = ConcurrentHashMap.newKeySet();
    /** Sessions to start or stop ticking: applied by the pacer before its next round, so a change costs O(1). */
    private final Queue<RtpSession> joining = new ConcurrentLinkedQueue<>();

    private final Queue<RtpSession> leaving = new ConcurrentLinkedQueue<>();
    /** What the pacer walks, and where each session is in it (the pacer's own: no other thread touches them). */
    private final java.util.ArrayList<RtpSession> ticking = new java.util.ArrayList<>();

    private final java.util.IdentityHashMap<RtpSession, Integer> tickIndex = new java.util.IdentityHashMap<>();
    private final Thread receiver;
    private final Thread pacer;
    private volatile boolean running = true;

    MediaLoop(int number) throws IOException {
        selector = Selector.open();
        receiver = new Thread(this::receive, "media-receiver-" + number);
        pacer = new Thread(this::pace, "media-pacer-" + number);
        receiver.setDaemon(true);
        pacer.setDaemon(true);
        pacer.setPriority(Thread.MAX_PRIORITY);
        receiver.start();
        pacer.start();
    }

    void add(RtpSession s) {
        sessions.add(s);
        joining.add(s);
        pending.add(s);
        selector.wakeup();
    }

    /** The open sessions, a copy. */
    java.util.List<RtpSession> sessions() {
        return java.util.List.copyOf(sessions);
    }

    void remove(RtpSession s) {
        if (sessions.remove(s)) {
            leaving.add(s);
        }
        selector.wakeup();
    }

    /** Applies the sessions added and removed since the last round. On the pacer thread. */
    private void applyChanges() {
        RtpSession s;
        while ((s = joining.poll()) != null) {
            if (!tickIndex.containsKey(s)) {
                tickIndex.put(s, ticking.size());
                ticking.add(s);
            }
        }
        while ((s = leaving.poll()) != null) {
            Integer at = tickIndex.remove(s);
            if (at == null) {
                continue; // removed before it joined: drop it from the joining queue's effect
            }
            RtpSession last = ticking.remove(ticking.size() - 1);
            if (last != s) {
                ticking.set(at, last);
                tickIndex.put(last, at);
            }
        }
    }

    private void receive() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
        while (running) {
            try {
                selector.select(200);
                RtpSession s;
                while ((s = pending.poll()) != null) {
                    DatagramChannel c = s.channel();
                    if (c.isOpen()) {
                        c.register(selector, SelectionKey.OP_READ, s);
                    }
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    RtpSession session = (RtpSession) key.attachment();
                    DatagramChannel channel = (DatagramChannel) key.channel();
                    for (int i = 0; i < 16; i++) {
                        buffer.clear();
                        InetSocketAddress from;
                        try {
                            from = (InetSocketAddress) channel.receive(buffer);
                        } catch (IOException e) {
                            break;
                        }
                        if (from == null) {
                            break;
                        }
                        buffer.flip();
                        try {
                            session.onPacket(buffer, from);
                        } catch (RuntimeException e) {
                            failed(session, "packet handling", System.nanoTime(), e);
                        }
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException | java.nio.channels.ClosedSelectorException e) {
                if (running) {
                    LOG.error("Media receiver: {}", e.toString());
                }
            } catch (RuntimeException e) {
                LOG.error("Media receiver failed and goes on", e);
            }
        }
    }

    private void pace() {
        long next = System.nanoTime();
        while (running) {
            next += FRAME_NANOS;
            long now = System.nanoTime();
            applyChanges();
            for (int i = 0; i < ticking.size(); i++) {
                RtpSession s = ticking.get(i);
                try {
                    s.tick(now);
                } catch (RuntimeException e) {
                    failed(s, "frame", now, e);
                }
            }
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (-wait > 5 * FRAME_NANOS) {
                next = System.nanoTime(); // too far behind to catch up: skip, do not burst
            }
        }
    }

    /** A failure that could repeat each packet or frame (20 ms) of a call: logged once per 10 s per call and kind. */
    private void failed(RtpSession session, String what, long nowNanos, RuntimeException e) {
        long held = failures.admit(session.id() + " " + what, nowNanos);
        if (held >= 0) {
            LOG.warn(
                    "Session {}: {} failed: {}{}",
                    session.id(),
                    what,
                    LogText.escape(e.toString()),
                    held > 0 ? " (" + held + " more like it not logged)" : "");
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            receiver.join(1000);
            pacer.join(1000);
            selector.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("Media selector: {}", e.toString());
        }
    }
}
