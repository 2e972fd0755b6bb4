package org.switchboard.flow.internal.runtime;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import org.switchboard.api.call.CallControl;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.flow.internal.model.Flow;
import org.switchboard.flow.internal.model.Node;
import org.switchboard.flow.internal.script.ScriptSandbox;

/**
 * One call's walk through its flow: runs the start node, follows the edge of each node's outcome, and ends the
 * call when a node ends it (transfer, hang-up) or the flow runs out of edges (the bot hangs up). Every step is an
 * event ({@code flow.node}, {@code flow.script.print}, {@code flow.error}, {@code flow.end}). Nothing blocks: each
 * node completes a stage and the next step runs on whichever thread completed it.
 */
public final class FlowRun {

    /** More transitions than this in one call means the flow loops; the call is ended. */
    static final int MAX_STEPS = 1000;

    private final Flow flow;
    private final CallControl call;
    private final NodeExecutors executors;
    private final Consumer<ConversationEvent> events;
    private final Map<String, Object> variables;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Map<String, String>> headerSets;
    private final Assistants assistants;
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private int steps;

    public FlowRun(
            Flow flow,
            CallControl call,
            ScriptSandbox sandbox,
            ScheduledExecutorService scheduler,
            Consumer<ConversationEvent> events) {
        this(flow, Map.of(), call, sandbox, scheduler, events);
    }

    /** A run whose transfer and hang-up nodes may name one of the workspace's {@code headerSets}. */
    public FlowRun(
            Flow flow,
            Map<String, Map<String, String>> headerSets,
            CallControl call,
            ScriptSandbox sandbox,
            ScheduledExecutorService scheduler,
            Consumer<ConversationEvent> events) {
        this(flow, headerSets, new Assistants(), call, sandbox, scheduler, events);
    }

    /** A run whose automation nodes reach assistants through {@code assistants}. */
    public FlowRun(
            Flow flow,
            Map<String, Map<String, String>> headerSets,
            Assistants assistants,
            CallControl call,
            ScriptSandbox sandbox,
            ScheduledExecutorService scheduler,
            Consumer<ConversationEvent> events) {
        this.assistants = assistants;
        this.headerSets = headerSets;
        this.flow = Objects.requireNonNull(flow);
        this.call = Objects.requireNonNull(call);
        this.events = events;
        this.variables = new LinkedHashMap<>(call.session().variables());
        this.scheduler = scheduler;
        this.executors = new NodeExecutors(this, sandbox, scheduler);
    }

    /** Starts at the flow's start node; completes with how the flow ended. */
    public CompletionStage<String> start() {
        step(flow.startNode());
        return ended;
    }

    CallControl call() {
        return call;
    }

    Flow flow() {
        return flow;
    }

    Assistants assistants() {
        return assistants;
    }

    /** A node's headers: those of its {@code headerSet}, then its own {@code headers} (which win). */
    Map<String, String> headers(org.switchboard.flow.internal.model.Node node) {
        Map<String, String> merged = new LinkedHashMap<>();
        String set = node.string("headerSet", null);
        if (set != null) {
            merged.putAll(headerSets.getOrDefault(set, Map.of()));
        }
        merged.putAll(node.stringMap("headers"));
        return merged;
    }

    synchronized Map<String, Object> variables() {
        return new LinkedHashMap<>(variables);
    }

    synchronized void updateVariables(Map<String, Object> updated) {
        updated.forEach((k, v) -> {
            if (!Objects.equals(variables.get(k), v)) {
                variables.put(k, v);
                call.setVariable(k, v);
            }
        });
    }

    void event(String type, String nodeId, Map<String, String> attributes) {
        Map<String, String> a = new HashMap<>(attributes);
        if (nodeId != null) {
            a.put("node", nodeId);
        }
        a.put("flow", flow.id());
        events.accept(new ConversationEvent(call.session().sessionId(), Instant.now(), type, a));
    }

    private void step(Node node) {
        if (ended.isDone()) {
            return;
        }
        if (!call.isActive()) {
            finish("caller", node.id());
            return;
        }
        if (++steps > MAX_STEPS) {
            event("flow.error", node.id(), Map.of("reason", "more than " + MAX_STEPS + " steps: the flow loops"));
            call.hangup(Map.of());
            finish("error: loop", node.id());
            return;
        }
        event("flow.node", node.id(), Map.of("type", node.type().jsonName()));
        CompletionStage<Outcome> stage;
        try {
            stage = executors.execute(node);
        } catch (RuntimeException e) {
            stage = CompletableFuture.completedFuture(Outcome.error(e.toString()));
        }
        stage.whenComplete((outcome, failure) -> {
            if (failure != null) {
                outcome = Outcome.error(failure.toString());
            }
            if (outcome.error() != null) {
                event("flow.error", node.id(), Map.of("reason", outcome.error()));
            }
            if (outcome.ending() != null) {
                finish(outcome.ending(), node.id());
                return;
            }
            String target = node.next().get(outcome.name());
            if (target == null) {
                event("flow.end", node.id(), Map.of("outcome", outcome.name(), "reason", "no edge: the bot hangs up"));
                call.hangup(Map.of()).whenComplete((v, e) -> finish("hangup", node.id()));
                return;
            }
            Node next = flow.nodes().get(target);
            scheduler.execute(() -> step(next)); // never recurse: nodes that complete at once may loop
        });
    }

    /** Ends the run once; the last event is recorded before anyone waiting on the run sees it end. */
    private synchronized void finish(String how, String nodeId) {
        if (ended.isDone()) {
            return;
        }
        event("flow.finished", nodeId, Map.of("ending", how));
        ended.complete(how);
    }

    /**
     * How a node finished: an outcome to follow, or an ending of the call.
     *
     * @param name the outcome (an edge name), or {@code null} when the call ended
     * @param ending how the call ended ({@code transfer}, {@code hangup}, {@code caller}), or {@code null}
     * @param error what went wrong, recorded as an event, or {@code null}
     */
    record Outcome(String name, String ending, String error) {
        static Outcome of(String name) {
            return new Outcome(name, null, null);
        }

        static Outcome error(String reason) {
            return new Outcome("error", null, reason);
        }

        static Outcome ended(String how) {
            return new Outcome(null, how, null);
        }
    }
}
