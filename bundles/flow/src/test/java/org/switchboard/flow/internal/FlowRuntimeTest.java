package org.switchboard.flow.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.flow.internal.model.Flow;
import org.switchboard.flow.internal.model.FlowParser;
import org.switchboard.flow.internal.model.Problem;
import org.switchboard.flow.internal.runtime.Assistants;

import com.google.gson.JsonParser;

/** The flow runtime as its own component: it runs what the registry holds and ends a call whose flow is gone. */
public class FlowRuntimeTest {

    private final List<ConversationEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final org.switchboard.flow.internal.runtime.FlowRunTest.FakeCall call =
            new org.switchboard.flow.internal.runtime.FlowRunTest.FakeCall();
    private FlowRuntime runtime;

    @After
    public void stop() {
        if (runtime != null) {
            runtime.deactivate();
        }
    }

    private static FlowSource source(Map<String, Flow> flows) {
        Assistants assistants = new Assistants();
        return new FlowSource() {
            @Override
            public Optional<Flow> flow(String flowId) {
                return Optional.ofNullable(flows.get(flowId));
            }

            @Override
            public Map<String, Map<String, String>> headerSets() {
                return Map.of("billing", Map.of("X-Queue", "billing"));
            }

            @Override
            public Assistants assistants() {
                return assistants;
            }
        };
    }

    @Test
    public void runsTheFlowInForceWithTheWorkspacesHeaderSets() throws Exception {
        List<Problem> problems = new ArrayList<>();
        Flow flow = FlowParser.parse(JsonParser.parseString("""
                {"id": "f", "start": "agent", "nodes": [
                  {"id": "agent", "type": "agentTransfer", "settings": {"headerSet": "billing"}}]}"""), "flow", problems)
                .orElseThrow(() -> new AssertionError(problems));
        runtime = new FlowRuntime(source(Map.of("f", flow)));
        assertEquals(
                "transfer",
                runtime.run("f", call, events::add).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(List.of("agentTransfer null {X-Queue=billing}"), call.log);
    }

    @Test
    public void aFlowNoLongerInTheWorkspaceEndsTheCallWithTheReasonRecorded() throws Exception {
        runtime = new FlowRuntime(source(Map.of()));
        assertEquals(
                "error: no flow",
                runtime.run("gone", call, events::add).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(List.of("hangup {}"), call.log);
        assertTrue(
                events.toString(),
                events.stream()
                        .anyMatch(e -> e.type().equals("flow.error")
                                && e.attributes().get("reason").contains("'gone' is not in the workspace")));
    }
}
