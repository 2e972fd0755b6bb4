package org.switchboard.assistant.internal.websocket;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.switchboard.api.call.CallControl;
import org.switchboard.api.call.GatherRequest;
import org.switchboard.api.call.GatherResult;
import org.switchboard.api.call.Handoff;
import org.switchboard.api.call.SessionContext;
import org.switchboard.api.call.TransferResult;
import org.switchboard.api.media.AudioStream;

/**
 * A call for the bridge's unit tests: its stream counts what the bot plays and plays it out at once (every mark is
 * reached as soon as it is set); the test speaks and presses keys through {@link #listener}.
 */
final class FakeCall implements CallControl {

    volatile boolean active = true;
    volatile AudioStream.Listener listener;
    final AtomicLong played = new AtomicLong();
    final List<String> marks = new CopyOnWriteArrayList<>();
    final List<String> turns = new CopyOnWriteArrayList<>();
    volatile boolean streamClosed;

    @Override
    public SessionContext session() {
        return new SessionContext(
                "s1",
                "call-1@zcc",
                "st-1",
                "zcc",
                "+15550100",
                "+15551234",
                Instant.now(),
                Map.of(),
                Map.of("X-Zcc-Engagement", "eng-7"));
    }

    @Override
    public CompletionStage<AudioStream> stream(AudioStream.Listener l) {
        listener = l;
        return CompletableFuture.completedFuture(new AudioStream() {
            @Override
            public void play(short[] samples) {
                played.addAndGet(samples.length);
            }

            @Override
            public void mark(String name) {
                marks.add(name);
                l.marked(name, false);
            }

            @Override
            public void clear() {}

            @Override
            public long queuedMillis() {
                return 0;
            }

            @Override
            public void close() {
                streamClosed = true;
            }
        });
    }

    /** One second of a loud 8 kHz tone, heard by the bot in 20 ms frames. */
    void speak() {
        short[] frame = new short[160];
        for (int f = 0; f < 50; f++) {
            for (int i = 0; i < frame.length; i++) {
                frame[i] = (short) (3000 * Math.sin(2 * Math.PI * 400 * (f * 160 + i) / 8000.0));
            }
            listener.heard(frame, frame.length);
        }
    }

    @Override
    public void recordTurn(boolean fromCaller, String text) {
        turns.add((fromCaller ? "caller: " : "bot: ") + text);
    }

    @Override
    public boolean isActive() {
        return active;
    }

    @Override
    public void setVariable(String name, Object value) {}

    @Override
    public CompletionStage<Void> say(String text, String voice, boolean bargeIn) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Void> play(URI audio, boolean bargeIn) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<GatherResult> gather(GatherRequest request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<TransferResult> transfer(Handoff handoff) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<TransferResult> agentTransfer(
            Handoff.Method method, String target, Map<String, String> headers) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Void> hangup(Map<String, String> headers) {
        throw new UnsupportedOperationException();
    }
}
