package org.switchboard.assistant.llm.internal;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import org.switchboard.api.call.CallControl;
import org.switchboard.api.call.GatherRequest;
import org.switchboard.api.call.GatherResult;
import org.switchboard.api.call.Handoff;
import org.switchboard.api.call.SessionContext;
import org.switchboard.api.call.TransferResult;

/** A call for the LLM assistant's unit tests: what is said and asked is logged, the caller's answers are scripted. */
final class FakeCall implements CallControl {

    volatile boolean active = true;
    final List<String> log = new CopyOnWriteArrayList<>();
    final List<Long> saidAt = new CopyOnWriteArrayList<>();
    final Queue<GatherResult> answers = new ConcurrentLinkedQueue<>();

    @Override
    public SessionContext session() {
        return new SessionContext(
                "s1", "call-1@zcc", "st-1", "zcc", "+15550100", "+15551234", Instant.now(), Map.of(), Map.of());
    }

    @Override
    public CompletionStage<Void> say(String text, String voice, boolean bargeIn) {
        log.add("say " + text + (bargeIn ? "" : " (no barge-in)"));
        saidAt.add(System.nanoTime());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<GatherResult> gather(GatherRequest request) {
        log.add("gather " + request.prompt());
        GatherResult r = answers.poll();
        if (r == null) {
            active = false;
            r = new GatherResult(GatherResult.Outcome.HANGUP, null, null, 0);
        }
        return CompletableFuture.completedFuture(r);
    }

    static GatherResult says(String text) {
        return new GatherResult(GatherResult.Outcome.MATCH, null, text, 0.9);
    }

    @Override
    public boolean isActive() {
        return active;
    }

    @Override
    public void setVariable(String name, Object value) {}

    @Override
    public CompletionStage<Void> play(URI audio, boolean bargeIn) {
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
