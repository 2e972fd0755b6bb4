package org.switchboard.flow.internal.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.switchboard.api.call.GatherRequest;
import org.switchboard.api.call.GatherResult;
import org.switchboard.api.call.Handoff;
import org.switchboard.api.call.TransferResult;
import org.switchboard.flow.internal.model.Node;
import org.switchboard.flow.internal.runtime.FlowRun.Outcome;
import org.switchboard.flow.internal.script.ScriptResult;
import org.switchboard.flow.internal.script.ScriptSandbox;
import org.switchboard.flow.internal.script.ScriptSandbox.ScriptFailure;
import org.switchboard.flow.internal.script.VoiceAction;

/**
 * What each node type does; {@code automation} runs an {@link AutomationRun}. Media failures (no media engine, an
 * unplayable file) take the node's error edge with the reason recorded.
 */
final class NodeExecutors {

    static final long SCRIPT_TIMEOUT_MS = 1000;

    private final FlowRun run;
    private final ScriptSandbox sandbox;
    private final ScheduledExecutorService scheduler;

    NodeExecutors(FlowRun run, ScriptSandbox sandbox, ScheduledExecutorService scheduler) {
        this.run = run;
        this.sandbox = sandbox;
        this.scheduler = scheduler;
    }

    CompletionStage<Outcome> execute(Node node) {
        return switch (node.type()) {
            case WAIT -> waitFor(node.integer("ms", 0));
            case CONDITION -> condition(node);
            case SCRIPT -> script(node);
            case AGENT_TRANSFER -> agentTransfer(node);
            case HANGUP -> hangup(node.string("message", null), node.string("voice", null), run.headers(node));
            case MESSAGE -> message(node);
            case GATHER -> gather(node, 0);
            case AUTOMATION -> automation(node);
        };
    }

    private CompletionStage<Outcome> automation(Node node) {
        String id = node.string("assistant", "");
        org.switchboard.flow.internal.model.AssistantSpec spec =
                run.flow().assistants().get(id);
        if (spec == null) {
            return CompletableFuture.completedFuture(Outcome.error("the flow declares no assistant '" + id + "'"));
        }
        try {
            return new AutomationRun(run, node, id, run.assistants().resolve(spec)).start();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(
                    Outcome.error("assistant '" + id + "' is not available: " + e.getMessage()));
        }
    }

    private CompletionStage<Outcome> message(Node node) {
        boolean bargeIn = node.bool("bargeIn", true);
        String audio = node.string("audio", null);
        CompletionStage<Void> played = audio != null
                ? run.call()
                        .play(java.nio.file.Paths.get(audio).toAbsolutePath().toUri(), bargeIn)
                : run.call().say(node.string("text", ""), node.string("voice", null), bargeIn);
        return played.handle((v, failure) -> failure == null
                ? Outcome.of("done")
                : Outcome.error("message failed: " + cause(failure).getMessage()));
    }

    private CompletionStage<Outcome> gather(Node node, int attempt) {
        GatherRequest request;
        try {
            boolean speech = node.bool("speech", false);
            request = new GatherRequest(
                    node.string("prompt", null),
                    node.bool("bargeIn", true),
                    node.bool("dtmf", true),
                    (int) node.integer("maxDigits", 1),
                    node.string("terminator", null),
                    speech,
                    node.strings("phrases"),
                    Duration.ofMillis(node.integer("noInputTimeoutMs", 5000)),
                    Duration.ofMillis(node.integer("interDigitTimeoutMs", 3000)),
                    node.string("voice", null),
                    node.turnTaking());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(Outcome.error("gather: " + e.getMessage()));
        }
        long retries = node.integer("retries", 1);
        return run.call()
                .gather(request)
                .handle((r, failure) -> {
                    if (failure != null) {
                        return CompletableFuture.completedFuture(
                                Outcome.error("gather failed: " + cause(failure).getMessage()));
                    }
                    GatherResult.Outcome o = r.outcome();
                    if (o == GatherResult.Outcome.MATCH
                            && r.text() != null
                            && !matchesPhrase(r.text(), request.phrases())) {
                        o = GatherResult.Outcome.NO_MATCH;
                    }
                    switch (o) {
                        case MATCH -> {
                            run.updateVariables(Map.of(
                                    node.string("variable", "input"), r.digits() != null ? r.digits() : r.text()));
                            return CompletableFuture.completedFuture(Outcome.of("match"));
                        }
                        case HANGUP -> {
                            return CompletableFuture.completedFuture(Outcome.ended("caller hung up"));
                        }
                        default -> {
                            run.event(
                                    "gather." + (o == GatherResult.Outcome.NO_INPUT ? "noInput" : "noMatch"),
                                    node.id(),
                                    Map.of("attempt", Integer.toString(attempt + 1)));
                            if (attempt < retries && run.call().isActive()) {
                                return gather(node, attempt + 1);
                            }
                            return CompletableFuture.completedFuture(
                                    Outcome.of(o == GatherResult.Outcome.NO_INPUT ? "noInput" : "noMatch"));
                        }
                    }
                })
                .thenCompose(stage -> stage);
    }

    /** With phrases, an utterance matches when it contains one of them (the recognizer may add words). */
    private static boolean matchesPhrase(String text, java.util.List<String> phrases) {
        if (phrases.isEmpty()) {
            return true;
        }
        String t = " " + text.toLowerCase(java.util.Locale.ROOT).trim() + " ";
        return phrases.stream()
                .anyMatch(p ->
                        t.contains(" " + p.toLowerCase(java.util.Locale.ROOT).trim() + " "));
    }

    private static Throwable cause(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private CompletionStage<Outcome> waitFor(long ms) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        scheduler.schedule(() -> done.complete(Outcome.of("done")), ms, TimeUnit.MILLISECONDS);
        return done;
    }

    private CompletionStage<Outcome> condition(Node node) {
        try {
            boolean result = sandbox.test(
                    node.string("expression", "false"),
                    SessionView.withSession(run.variables(), run.call().session()),
                    SCRIPT_TIMEOUT_MS);
            return CompletableFuture.completedFuture(Outcome.of(Boolean.toString(result)));
        } catch (ScriptFailure e) {
            return CompletableFuture.completedFuture(Outcome.error("condition failed: " + e.getMessage()));
        }
    }

    private CompletionStage<Outcome> script(Node node) {
        ScriptResult r = sandbox.run(
                node.string("code", ""),
                SessionView.withSession(run.variables(), run.call().session()),
                node.integer("timeoutMs", SCRIPT_TIMEOUT_MS));
        r.printed().forEach(line -> run.event("flow.script.print", node.id(), Map.of("text", line)));
        if (!r.ok()) {
            return CompletableFuture.completedFuture(Outcome.error("script failed: " + r.error()));
        }
        run.updateVariables(SessionView.withoutSession(r.context()));
        return perform(r.actions(), 0, new java.util.ArrayList<>());
    }

    /**
     * Carries out a script's voiceUtils requests in order: plays are queued (and awaited before the next node or a
     * hand-back), abortPrompt and {@code queueCommand: false} stop what is queued, refer and hangup end the node.
     */
    private CompletionStage<Outcome> perform(
            java.util.List<VoiceAction> actions, int i, java.util.List<CompletionStage<Void>> playing) {
        if (i == actions.size()) {
            return allDone(playing).thenApply(v -> Outcome.of("done"));
        }
        VoiceAction action = actions.get(i);
        if (action instanceof VoiceAction.AbortPrompt || queueDropped(action)) {
            run.call().abortPrompts();
            playing.clear();
        }
        if (action instanceof VoiceAction.Play play) {
            playing.add(run.call().play(audio(play.audio()), false).exceptionally(e -> {
                run.event(
                        "flow.error",
                        null,
                        Map.of("reason", "voiceUtils.play " + play.audio() + ": " + cause(e).getMessage()));
                return null;
            }));
        } else if (action instanceof VoiceAction.SendDtmf dtmf) {
            return allDone(playing)
                    .thenCompose(v -> run.call().sendDtmf(dtmf.digits()).exceptionally(e -> {
                        run.event(
                                "flow.error", null, Map.of("reason", "voiceUtils.sendDTMF: " + cause(e).getMessage()));
                        return null;
                    }))
                    .thenCompose(v -> perform(actions, i + 1, new java.util.ArrayList<>()));
        } else if (action instanceof VoiceAction.Refer refer) {
            return allDone(playing)
                    .thenCompose(v -> say(refer.message(), null))
                    .thenCompose(
                            v -> transfer(Handoff.Method.REFER, refer.referTo(), refer.headers(), "transferFailed"));
        } else if (action instanceof VoiceAction.Hangup hangup) {
            return allDone(playing).thenCompose(v -> hangup(hangup.message(), null, hangup.headers()));
        }
        return perform(actions, i + 1, playing);
    }

    private static boolean queueDropped(VoiceAction a) {
        return a instanceof VoiceAction.Refer r && !r.queue()
                || a instanceof VoiceAction.Hangup h && !h.queue()
                || a instanceof VoiceAction.Play p && !p.queue();
    }

    private static CompletionStage<Void> allDone(java.util.List<CompletionStage<Void>> stages) {
        return CompletableFuture.allOf(
                stages.stream().map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new));
    }

    /** A path or file: URI of an audio file. */
    private static java.net.URI audio(String audio) {
        return audio.regionMatches(true, 0, "file:", 0, 5)
                ? java.net.URI.create(audio)
                : java.nio.file.Path.of(audio).toUri();
    }

    private CompletionStage<Outcome> agentTransfer(Node node) {
        String target = node.string("target", null);
        Map<String, String> attributes = new java.util.LinkedHashMap<>();
        attributes.put("method", target == null ? node.string("method", "default") : "refer");
        if (target != null) {
            attributes.put("target", target);
        }
        String reason = node.string("reason", null);
        if (reason != null) {
            attributes.put("reason", reason);
        }
        run.event("flow.transfer", node.id(), attributes);
        String method = node.string("method", null);
        Handoff.Method m = method == null ? null : Handoff.Method.valueOf(method.toUpperCase(java.util.Locale.ROOT));
        return say(node.string("message", null), node.string("voice", null))
                .thenCompose(v -> transfer(m, target, run.headers(node), "failed"));
    }

    private CompletionStage<Outcome> transfer(
            Handoff.Method method, String target, Map<String, String> headers, String failureOutcome) {
        return run.call().agentTransfer(method, target, headers).handle((TransferResult result, Throwable failure) -> {
            if (failure == null && result.success()) {
                return Outcome.ended("transfer");
            }
            String reason = failure != null ? failure.toString() : result.status() + " " + result.reason();
            return new Outcome(failureOutcome, null, "transfer failed: " + reason);
        });
    }

    private CompletionStage<Outcome> hangup(String message, String voice, Map<String, String> headers) {
        return say(message, voice)
                .thenCompose(v -> run.call().hangup(headers))
                .handle((v, failure) -> failure == null
                        ? Outcome.ended("hangup")
                        : new Outcome(null, "hangup", "hang-up failed: " + failure));
    }

    /** Says a message when there is one; a failure to say it does not stop the flow. */
    private CompletionStage<Void> say(String message, String voice) {
        if (message == null || message.isBlank()) {
            return CompletableFuture.completedFuture(null);
        }
        return run.call().say(message, voice, false).exceptionally(e -> null);
    }
}
