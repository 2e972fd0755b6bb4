package org.switchboard.flow.internal.runtime;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.switchboard.api.call.Handoff;
import org.switchboard.api.call.TransferResult;
import org.switchboard.flow.internal.model.Node;
import org.switchboard.flow.internal.runtime.FlowRun.Outcome;
import org.switchboard.flow.internal.script.ScriptResult;
import org.switchboard.flow.internal.script.ScriptSandbox;
import org.switchboard.flow.internal.script.ScriptSandbox.ScriptFailure;
import org.switchboard.flow.internal.script.VoiceAction;

/**
 * What each node type does. The signalling node types run here; {@code message}, {@code gather} and
 * {@code automation} need the media engine and end the call with a recorded error until it is installed.
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
            case HANGUP -> hangup(node.string("message", null), run.headers(node));
            case MESSAGE, GATHER, AUTOMATION -> {
                run.call().hangup(Map.of());
                yield CompletableFuture.completedFuture(new Outcome(null, "error: no media",
                        "node type '" + node.type().jsonName() + "' needs the media engine, which is not installed"));
            }
        };
    }

    private CompletionStage<Outcome> waitFor(long ms) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        scheduler.schedule(() -> done.complete(Outcome.of("done")), ms, TimeUnit.MILLISECONDS);
        return done;
    }

    private CompletionStage<Outcome> condition(Node node) {
        try {
            boolean result = sandbox.test(node.string("expression", "false"), run.variables(), SCRIPT_TIMEOUT_MS);
            return CompletableFuture.completedFuture(Outcome.of(Boolean.toString(result)));
        } catch (ScriptFailure e) {
            return CompletableFuture.completedFuture(Outcome.error("condition failed: " + e.getMessage()));
        }
    }

    private CompletionStage<Outcome> script(Node node) {
        ScriptResult r = sandbox.run(node.string("code", ""), run.variables(), node.integer("timeoutMs", SCRIPT_TIMEOUT_MS));
        r.printed().forEach(line -> run.event("flow.script.print", node.id(), Map.of("text", line)));
        if (!r.ok()) {
            return CompletableFuture.completedFuture(Outcome.error("script failed: " + r.error()));
        }
        run.updateVariables(r.context());
        for (VoiceAction action : r.actions()) {
            if (action instanceof VoiceAction.Refer refer) {
                return say(refer.message()).thenCompose(v -> transfer(Handoff.Method.REFER, refer.referTo(),
                        refer.headers(), "transferFailed"));
            }
            if (action instanceof VoiceAction.Hangup hangup) {
                return hangup(hangup.message(), hangup.headers());
            }
        }
        return CompletableFuture.completedFuture(Outcome.of("done"));
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
        return say(node.string("message", null)).thenCompose(v -> transfer(m, target, run.headers(node), "failed"));
    }

    private CompletionStage<Outcome> transfer(Handoff.Method method, String target, Map<String, String> headers,
            String failureOutcome) {
        return run.call().agentTransfer(method, target, headers).handle((TransferResult result, Throwable failure) -> {
            if (failure == null && result.success()) {
                return Outcome.ended("transfer");
            }
            String reason = failure != null ? failure.toString() : result.status() + " " + result.reason();
            return new Outcome(failureOutcome, null, "transfer failed: " + reason);
        });
    }

    private CompletionStage<Outcome> hangup(String message, Map<String, String> headers) {
        return say(message).thenCompose(v -> run.call().hangup(headers)).handle((v, failure) ->
                failure == null ? Outcome.ended("hangup") : new Outcome(null, "hangup", "hang-up failed: " + failure));
    }

    /** Says a message when there is one; a failure to say it does not stop the flow. */
    private CompletionStage<Void> say(String message) {
        if (message == null || message.isBlank()) {
            return CompletableFuture.completedFuture(null);
        }
        return run.call().say(message, false).exceptionally(e -> null);
    }
}
