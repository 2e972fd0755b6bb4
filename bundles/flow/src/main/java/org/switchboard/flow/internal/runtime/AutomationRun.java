package org.switchboard.flow.internal.runtime;

import java.net.URI;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.switchboard.api.assistant.AssistantAction;
import org.switchboard.api.assistant.TurnRequest;
import org.switchboard.api.assistant.TurnRequest.Event;
import org.switchboard.api.assistant.TurnResponse;
import org.switchboard.api.assistant.VirtualAssistant;
import org.switchboard.api.call.GatherRequest;
import org.switchboard.api.call.GatherResult;
import org.switchboard.flow.internal.model.Node;
import org.switchboard.flow.internal.runtime.FlowRun.Outcome;

/**
 * An automation node's dialogue: turns with a virtual assistant until it transfers, hangs up or ends. Each turn's
 * actions are carried out in order (a {@code say} right before a {@code gather} becomes the gather's prompt, so the
 * caller can barge in and be heard); the caller's answer becomes the next turn. A transfer or hang-up leaves by the
 * node's {@code agent} or {@code hangup} edge when it has one (the reason and context are in the variables), else
 * it is carried out here. Every turn and action is recorded as an event.
 */
final class AutomationRun {

    static final long DEFAULT_TURN_TIMEOUT_MS = 10_000;
    static final int DEFAULT_MAX_TURNS = 100;
    private static final Duration DEFAULT_LISTEN = Duration.ofSeconds(5);

    private final FlowRun run;
    private final Node node;
    private final VirtualAssistant assistant;
    private final String assistantId;
    private final long turnTimeoutMs;
    private final int maxTurns;
    private final CompletableFuture<Outcome> result = new CompletableFuture<>();
    private Map<String, Object> context;
    private int turns;
    private String task;

    AutomationRun(FlowRun run, Node node, String assistantId, VirtualAssistant assistant) {
        this.run = run;
        this.node = node;
        this.assistantId = assistantId;
        this.assistant = assistant;
        this.turnTimeoutMs = node.integer("turnTimeoutMs", DEFAULT_TURN_TIMEOUT_MS);
        this.maxTurns = (int) node.integer("maxTurns", DEFAULT_MAX_TURNS);
    }

    CompletionStage<Outcome> start() {
        context = new LinkedHashMap<>(run.variables());
        if (assistant.holdsConversation()) {
            converse();
        } else {
            turn(Event.START, null, 0, null);
        }
        return result;
    }

    /** The assistant holds the conversation over the call's audio; its closing actions are carried out as a turn's. */
    private void converse() {
        run.event("assistant.stream", node.id(), Map.of("assistant", assistantId));
        org.switchboard.api.call.SessionContext session = run.call().session();
        TurnRequest start =
                new TurnRequest(session.sessionId(), session.botId(), Event.START, null, 0, null, context, session);
        CompletionStage<TurnResponse> done;
        try {
            done = assistant.converse(start, run.call());
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        done.whenComplete((response, failure) -> {
            if (!run.call().isActive()) {
                result.complete(Outcome.ended("caller"));
            } else if (failure != null) {
                Throwable c = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                result.complete(Outcome.error("assistant '" + assistantId + "' failed: " + c.getMessage()));
            } else {
                context = new LinkedHashMap<>(response.context());
                List<AssistantAction> closing = new java.util.ArrayList<>(response.actions());
                if (closing.isEmpty() || !ends(closing.get(closing.size() - 1))) {
                    closing.add(new AssistantAction.End()); // a stream that ended without a word is resolved
                }
                perform(closing, 0);
            }
        });
    }

    private void turn(Event event, String text, double confidence, String digits) {
        if (!run.call().isActive() && event != Event.HANGUP && event != Event.TRANSFERRED) {
            turn(Event.HANGUP, null, 0, null);
            return;
        }
        if (++turns > maxTurns) {
            result.complete(Outcome.error("assistant '" + assistantId + "': more than " + maxTurns + " turns"));
            return;
        }
        Map<String, String> a = new LinkedHashMap<>();
        a.put("assistant", assistantId);
        a.put("event", event.name().toLowerCase(java.util.Locale.ROOT));
        if (text != null) {
            a.put("text", text);
            a.put("confidence", String.format(java.util.Locale.ROOT, "%.2f", confidence));
        }
        if (digits != null) {
            a.put("digits", digits);
        }
        run.event("assistant.turn", node.id(), a);
        org.switchboard.api.call.SessionContext session = run.call().session();
        TurnRequest request = new TurnRequest(
                session.sessionId(), session.botId(), event, text, confidence, digits, context, session);
        CompletableFuture<TurnResponse> answer;
        try {
            answer = assistant.takeTurn(request).toCompletableFuture().orTimeout(turnTimeoutMs, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((response, failure) -> {
            if (event == Event.HANGUP) {
                result.complete(Outcome.ended("caller"));
            } else if (event == Event.TRANSFERRED) {
                result.complete(Outcome.ended("transfer"));
            } else if (failure != null) {
                Throwable c = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                result.complete(Outcome.error("assistant '" + assistantId + "' failed a turn: "
                        + (c instanceof java.util.concurrent.TimeoutException
                                ? "no answer in " + turnTimeoutMs + " ms"
                                : c.toString())));
            } else {
                context = new LinkedHashMap<>(response.context());
                if (response.taskName() != null && !response.taskName().equals(task)) {
                    task = response.taskName();
                    run.event("assistant.task", node.id(), Map.of("assistant", assistantId, "task", task));
                }
                perform(response.actions(), 0);
            }
        });
    }

    private void perform(List<AssistantAction> actions, int i) {
        if (result.isDone()) {
            return;
        }
        if (i >= actions.size()) {
            listen(
                    null,
                    true,
                    new AssistantAction.Gather(true, true, 1, assistant.expectedPhrases(context), DEFAULT_LISTEN),
                    null);
            return;
        }
        AssistantAction action = actions.get(i);
        record(action);
        if (action instanceof AssistantAction.Say say) {
            if (i + 1 < actions.size() && actions.get(i + 1) instanceof AssistantAction.Gather g) {
                record(g);
                listen(say.text(), say.bargeIn(), g, say.voice());
                return;
            }
            run.call()
                    .say(say.text(), say.voice() != null ? say.voice() : node.string("voice", null), say.bargeIn())
                    .whenComplete((v, e) -> perform(actions, i + 1));
        } else if (action instanceof AssistantAction.Play play) {
            URI uri;
            try {
                uri = play.uri().contains(":") && !play.uri().startsWith("/")
                        ? URI.create(play.uri())
                        : Paths.get(play.uri()).toAbsolutePath().toUri();
            } catch (RuntimeException e) {
                result.complete(Outcome.error("assistant '" + assistantId + "': bad audio '" + play.uri() + "'"));
                return;
            }
            // a bargeable play before a gather: the gather listens while it plays (its timeout starts after)
            boolean listening =
                    play.bargeIn() && i + 1 < actions.size() && actions.get(i + 1) instanceof AssistantAction.Gather;
            CompletionStage<Void> played = run.call().play(uri, play.bargeIn());
            if (listening) {
                AssistantAction.Gather g = (AssistantAction.Gather) actions.get(i + 1);
                record(g);
                listen(null, true, g, null);
            }
            played.whenComplete((v, e) -> {
                if (e != null) {
                    result.complete(Outcome.error("assistant '" + assistantId + "': " + e.getMessage()));
                } else if (!listening) {
                    perform(actions, i + 1);
                }
            });
        } else if (action instanceof AssistantAction.SetContext set) {
            context.putAll(set.values());
            Map<String, Object> visible = new LinkedHashMap<>();
            set.values().forEach((k, v) -> {
                if (!k.startsWith("_")) {
                    visible.put(k, v);
                }
            });
            run.updateVariables(visible);
            perform(actions, i + 1);
        } else if (action instanceof AssistantAction.Gather g) {
            listen(null, true, g, null);
        } else if (action instanceof AssistantAction.Transfer t) {
            transfer(t);
        } else if (action instanceof AssistantAction.Hangup h) {
            if (node.next().containsKey("hangup")) {
                result.complete(Outcome.of("hangup"));
            } else {
                run.call().hangup(h.headers()).whenComplete((v, e) -> result.complete(Outcome.ended("hangup")));
            }
        } else if (action instanceof AssistantAction.End) {
            result.complete(Outcome.of("resolved"));
        }
    }

    private static boolean ends(AssistantAction a) {
        return a instanceof AssistantAction.Transfer
                || a instanceof AssistantAction.Hangup
                || a instanceof AssistantAction.End;
    }

    private void listen(String prompt, boolean bargeIn, AssistantAction.Gather g, String voice) {
        List<String> phrases = g.phrases().isEmpty() ? assistant.expectedPhrases(context) : g.phrases();
        GatherRequest request;
        try {
            request = new GatherRequest(
                    prompt,
                    bargeIn,
                    g.dtmf(),
                    Math.max(1, g.maxDigits()),
                    g.terminator() != null ? g.terminator() : g.maxDigits() > 1 ? "#" : null,
                    g.speech(),
                    phrases,
                    g.timeout() == null ? DEFAULT_LISTEN : g.timeout(),
                    Duration.ofSeconds(3),
                    voice != null ? voice : node.string("voice", null),
                    node.turnTaking());
        } catch (IllegalArgumentException e) {
            result.complete(Outcome.error("assistant '" + assistantId + "': bad gather: " + e.getMessage()));
            return;
        }
        java.util.function.Consumer<String> partials = null;
        if (assistant.wantsPartials()) {
            Map<String, Object> asked = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(context));
            String sessionId = run.call().session().sessionId();
            partials = text -> assistant.partial(sessionId, text, asked);
        }
        run.call().gather(request, partials).whenComplete((r, e) -> {
            if (e != null || r.outcome() == GatherResult.Outcome.HANGUP) {
                turn(Event.HANGUP, null, 0, null);
            } else if (r.outcome() == GatherResult.Outcome.NO_INPUT) {
                turn(Event.NO_INPUT, null, 0, null);
            } else if (r.outcome() == GatherResult.Outcome.MATCH && r.digits() != null) {
                turn(Event.DTMF, null, 1, r.digits());
            } else if (r.outcome() == GatherResult.Outcome.MATCH) {
                turn(Event.UTTERANCE, r.text(), r.confidence(), null);
            } else {
                turn(Event.UTTERANCE, "", 0, null);
            }
        });
    }

    private void transfer(AssistantAction.Transfer t) {
        Map<String, Object> vars = new LinkedHashMap<>();
        if (t.reason() != null) {
            vars.put("transferReason", t.reason());
        }
        run.updateVariables(vars);
        if (node.next().containsKey("agent")) {
            result.complete(Outcome.of("agent"));
            return;
        }
        run.call().agentTransfer(null, t.target(), t.headers()).whenComplete((r, e) -> {
            if (assistant.followsTransfers()) {
                String outcome = e != null ? "0 " + e : r.status() + " " + r.reason();
                turn(e == null && r.success() ? Event.TRANSFERRED : Event.TRANSFER_FAILED, outcome, 0, null);
                return;
            }
            if (e == null && r.success()) {
                result.complete(Outcome.ended("transfer"));
            } else {
                result.complete(Outcome.error("assistant '" + assistantId + "': transfer failed: "
                        + (e != null ? e.toString() : r.status() + " " + r.reason())));
            }
        });
    }

    private void record(AssistantAction action) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("assistant", assistantId);
        if (action instanceof AssistantAction.Say s) {
            a.put("action", "say");
            a.put("text", s.text());
        } else if (action instanceof AssistantAction.Play p) {
            a.put("action", "play");
            a.put("audio", p.uri());
        } else if (action instanceof AssistantAction.Gather g) {
            a.put("action", "gather");
            a.put(
                    "input",
                    (g.dtmf() ? "dtmf" : "") + (g.dtmf() && g.speech() ? "+" : "") + (g.speech() ? "speech" : ""));
        } else if (action instanceof AssistantAction.Transfer t) {
            a.put("action", "transfer");
            if (t.reason() != null) {
                a.put("reason", t.reason());
            }
            t.headers().forEach((k, v) -> a.put("header." + k, v));
        } else if (action instanceof AssistantAction.Hangup h) {
            a.put("action", "hangup");
            h.headers().forEach((k, v) -> a.put("header." + k, v));
        } else if (action instanceof AssistantAction.SetContext c) {
            a.put("action", "setContext");
            c.values().forEach((k, v) -> {
                if (!k.startsWith("_")) {
                    a.put("set." + k, String.valueOf(v));
                }
            });
        } else {
            a.put("action", "end");
        }
        run.event("assistant.action", node.id(), a);
    }
}
