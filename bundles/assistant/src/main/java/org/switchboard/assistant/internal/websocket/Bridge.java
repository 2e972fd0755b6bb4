package org.switchboard.assistant.internal.websocket;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.switchboard.api.assistant.AssistantAction;
import org.switchboard.api.call.CallControl;
import org.switchboard.api.media.AudioStream;

import com.google.gson.JsonObject;

/**
 * One call's conversation with a WebSocket bot: the caller's audio, digits and speech changes go out as they come;
 * the bot's audio is played and its messages carried out ({@link BotMessage}). Ends when the bot transfers, hangs
 * up or disconnects (after its queued audio has played), when the caller hangs up, or when the bot fails: the
 * socket closes or errs, a message is not understood, it stops reading or goes quiet for too long.
 */
final class Bridge implements WebSocket.Listener, AudioStream.Listener {

    /** Audio messages (20 ms each) the bot may leave unread before it counts as stalled: two seconds. */
    static final int MAX_BACKLOG = 100;

    private static final String END_MARK = "\u0000end";

    private final WebSocketSettings settings;
    private final CallControl call;
    private final L16 codec;
    private final CompletableFuture<Outcome> done = new CompletableFuture<>();
    private final Map<String, Object> context = new LinkedHashMap<>();
    private final StringBuilder text = new StringBuilder();
    private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
    private volatile Outbox outbox;
    private volatile AudioStream stream;
    private volatile WebSocket socket;
    private volatile long lastHeardFromBot = System.nanoTime();
    private volatile AssistantAction closing;
    private ScheduledFuture<?> watch;

    /** How the conversation ended: the closing action, or the failure. */
    record Outcome(AssistantAction action, Map<String, Object> context, String failure) {}

    Bridge(WebSocketSettings settings, CallControl call) {
        this.settings = settings;
        this.call = call;
        this.codec = new L16(settings.sampleRate());
    }

    CompletionStage<Outcome> done() {
        return done;
    }

    /** The socket is open: the stream starts, then the start message, then the caller's audio. */
    void start(WebSocket ws, JsonObject startMessage, java.util.concurrent.ScheduledExecutorService timer) {
        socket = ws;
        Outbox out = new Outbox(ws, e -> fail("the connection failed while sending: " + e));
        // the stream is open before the bot hears of the call, so that its first audio has somewhere to play
        call.stream(this).whenComplete((s, e) -> {
            if (e != null) {
                fail("the call's audio could not be streamed: " + e.getMessage());
                return;
            }
            stream = s;
            if (done.isDone()) {
                s.close();
                return;
            }
            out.text(startMessage.toString());
            outbox = out;
        });
        watch = timer.scheduleWithFixedDelay(this::check, 250, 250, TimeUnit.MILLISECONDS);
        if (done.isDone()) {
            stop();
        }
    }

    private void check() {
        if (!call.isActive()) {
            finish(new AssistantAction.End(), null);
            return;
        }
        if (closing != null) {
            return; // its last words are playing
        }
        Outbox o = outbox;
        if (o != null && o.backlog() > MAX_BACKLOG) {
            fail("stalled: it has not read the last " + (o.backlog() * 20) + " ms of audio");
            return;
        }
        long idle = settings.idleTimeout().toNanos();
        if (idle > 0 && System.nanoTime() - lastHeardFromBot > idle) {
            fail("sent nothing for " + settings.idleTimeout().toMillis() + " ms");
        }
    }

    // ---- from the call (media threads)

    @Override
    public void heard(short[] samples, int length) {
        Outbox o = outbox;
        if (o != null && !done.isDone() && closing == null) {
            o.binary(codec.encode(samples, length));
        }
    }

    @Override
    public void marked(String name, boolean cleared) {
        if (END_MARK.equals(name)) {
            AssistantAction a = closing;
            if (a != null) {
                finish(a, null);
            }
            return;
        }
        send(BotMessage.markEvent(name, cleared));
    }

    @Override
    public void digit(char digit) {
        send(BotMessage.dtmfEvent(digit));
    }

    @Override
    public void speech(boolean started) {
        send(BotMessage.speechEvent(started));
    }

    private void send(JsonObject event) {
        Outbox o = outbox;
        if (o != null && !done.isDone()) {
            o.text(event.toString());
        }
    }

    // ---- from the bot (the WebSocket's thread, one callback at a time)

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        lastHeardFromBot = System.nanoTime();
        byte[] b = new byte[data.remaining()];
        data.get(b);
        binary.write(b, 0, b.length);
        if (last) {
            short[] samples = codec.decode(binary.toByteArray());
            binary.reset();
            AudioStream s = stream;
            if (s != null && closing == null) {
                s.play(samples);
            }
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        lastHeardFromBot = System.nanoTime();
        text.append(data);
        if (text.length() > BotMessage.MAX_TEXT) {
            fail("sent a text message longer than " + BotMessage.MAX_TEXT + " characters");
            return null;
        }
        if (last) {
            String message = text.toString();
            text.setLength(0);
            try {
                carryOut(BotMessage.parse(message));
            } catch (RuntimeException e) {
                fail("sent a message that is not understood: " + e.getMessage());
                return null;
            }
        }
        ws.request(1);
        return null;
    }

    private void carryOut(BotMessage m) {
        AudioStream s = stream;
        switch (m.kind()) {
            case MARK -> {
                if (s != null) {
                    s.mark(m.name());
                } else {
                    marked(m.name(), true);
                }
            }
            case CLEAR -> {
                if (s != null) {
                    s.clear();
                }
            }
            case TRANSCRIPT -> call.recordTurn(m.fromCaller(), m.text());
            case CONTEXT -> {
                synchronized (this) {
                    context.putAll(m.values());
                }
            }
            case IGNORED -> send(BotMessage.errorEvent(m.text()));
            case CLOSING -> close(m.action());
        }
    }

    /** The bot is done: its queued audio plays out, then the conversation ends with {@code action}. */
    private void close(AssistantAction action) {
        if (closing != null) {
            return;
        }
        closing = action;
        AudioStream s = stream;
        if (s == null || s.queuedMillis() == 0) {
            finish(action, null);
        } else {
            s.mark(END_MARK);
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
        if (closing == null) { // else its last words play out and end the conversation
            fail("closed the connection (" + status + (reason == null || reason.isEmpty() ? "" : " " + reason)
                    + ") without a transfer, hangup or disconnect");
        }
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        fail("the connection failed: " + error);
    }

    @Override
    public void onOpen(WebSocket ws) {
        ws.request(1);
    }

    // ---- the end

    void fail(String problem) {
        finish(null, problem);
    }

    private final java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();

    private synchronized void finish(AssistantAction action, String failure) {
        if (finished.compareAndSet(false, true)) {
            stop();
            done.complete(new Outcome(action, Map.copyOf(context), failure));
        }
    }

    private void stop() {
        if (watch != null) {
            watch.cancel(false);
        }
        Outbox o = outbox;
        if (o != null) {
            o.close();
        }
        AudioStream s = stream;
        if (s != null) {
            s.close();
        }
        WebSocket ws = socket;
        if (ws != null && !ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, call.isActive() ? "done" : "caller hung up")
                    .exceptionally(e -> null);
        }
    }

    /** Context values as closing actions: what the bot set, then its last action. */
    static List<AssistantAction> actions(Outcome o) {
        List<AssistantAction> actions = new ArrayList<>();
        if (!o.context().isEmpty()) {
            actions.add(new AssistantAction.SetContext(o.context()));
        }
        if (o.action() != null) {
            actions.add(o.action());
        }
        return actions;
    }
}
