package org.switchboard.flow.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.call.CallControl;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.flow.FlowRunner;
import org.switchboard.flow.internal.model.Flow;
import org.switchboard.flow.internal.runtime.FlowRun;
import org.switchboard.flow.internal.script.ScriptSandbox;

/**
 * Runs flows on calls: a run takes the flow from the workspace in force when it starts and keeps it, so a reload never
 * changes a call in progress. Runs share a small pool of timer threads and the script sandbox.
 */
@Component(service = FlowRunner.class, immediate = true)
public final class FlowRuntime implements FlowRunner {

    private static final Logger LOG = LoggerFactory.getLogger(FlowRuntime.class);

    private final FlowSource source;
    private final ScheduledThreadPoolExecutor runners;
    private final ScriptSandbox sandbox = new ScriptSandbox();

    @Activate
    public FlowRuntime(@Reference FlowSource source) {
        this.source = source;
        AtomicInteger n = new AtomicInteger();
        runners =
                new ScheduledThreadPoolExecutor(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                    Thread t = new Thread(r, "flow-run-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        runners.setRemoveOnCancelPolicy(
                true); // a call's cancelled timeouts leave at once, not when they would have run
    }

    @Deactivate
    void deactivate() {
        runners.shutdownNow();
    }

    @Override
    public CompletionStage<String> run(String flowId, CallControl call, Consumer<ConversationEvent> events) {
        Optional<Flow> flow = source.flow(flowId);
        if (flow.isEmpty()) {
            LOG.warn(
                    "Session {}: flow '{}' is no longer in the workspace; ending the call",
                    call.session().sessionId(),
                    flowId);
            events.accept(new ConversationEvent(
                    call.session().sessionId(),
                    java.time.Instant.now(),
                    "flow.error",
                    Map.of("flow", flowId, "reason", "flow '" + flowId + "' is not in the workspace")));
            return call.hangup(Map.of()).handle((v, e) -> "error: no flow");
        }
        return new FlowRun(flow.get(), source.headerSets(), source.assistants(), call, sandbox, runners, events)
                .start();
    }
}
