package org.switchboard.flow.internal.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.After;
import org.junit.Test;
import org.switchboard.api.assistant.AssistantAction;
import org.switchboard.api.assistant.AssistantFactory;
import org.switchboard.api.assistant.TurnRequest;
import org.switchboard.api.assistant.TurnResponse;
import org.switchboard.api.assistant.VirtualAssistant;
import org.switchboard.api.call.GatherResult;
import org.switchboard.api.call.TransferResult;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.flow.internal.model.Flow;
import org.switchboard.flow.internal.model.FlowParser;
import org.switchboard.flow.internal.model.Problem;
import org.switchboard.flow.internal.script.ScriptSandbox;

import com.google.gson.JsonParser;

/** The automation node against a scripted assistant (this unit test's fake) and a fake call. */
public class AutomationRunTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<ConversationEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final FlowRunTest.FakeCall call = new FlowRunTest.FakeCall();
    private final List<TurnRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final Assistants assistants = new Assistants();
    private volatile boolean wantsPartials;
    private final List<String> partialsHeard = Collections.synchronizedList(new ArrayList<>());

    @After
    public void stop() {
        scheduler.shutdownNow();
    }

    /** A factory of type "test" whose assistant answers each turn with {@code script}. */
    private void assistant(Function<TurnRequest, CompletionStage<TurnResponse>> script) {
        assistants.addFactory(
                (id, definition) -> new VirtualAssistant() {
                    @Override
                    public String id() {
                        return id;
                    }

                    @Override
                    public CompletionStage<TurnResponse> takeTurn(TurnRequest request) {
                        requests.add(request);
                        return script.apply(request);
                    }

                    @Override
                    public List<String> expectedPhrases(Map<String, Object> context) {
                        return List.of("yes", "no");
                    }

                    @Override
                    public boolean wantsPartials() {
                        return wantsPartials;
                    }

                    @Override
                    public void partial(String sessionId, String text, Map<String, Object> context) {
                        partialsHeard.add(sessionId + ":" + text + ":" + context.get("_step"));
                    }
                },
                Map.of(AssistantFactory.TYPE, "app"));
    }

    private static CompletionStage<TurnResponse> answer(AssistantAction... actions) {
        return CompletableFuture.completedFuture(new TurnResponse(List.of(actions), Map.of("_step", 1), "t1"));
    }

    private String run(String edges, String settings) throws Exception {
        String json = """
                {"id": "f", "start": "a", "assistants": {"bot": {"type": "app"}}, "nodes": [
                  {"id": "a", "type": "automation", "settings": {"assistant": "bot"%s}, "next": {%s}},
                  {"id": "done", "type": "hangup", "settings": {"headers": {"X-Done": "1"}}},
                  {"id": "agent", "type": "agentTransfer", "settings": {"headers": {"X-Why": "{{context.transferReason}}"}}},
                  {"id": "oops", "type": "hangup", "settings": {"headers": {"X-Error": "1"}}}]}""".formatted(settings, edges);
        List<Problem> problems = new ArrayList<>();
        Flow flow = FlowParser.parse(JsonParser.parseString(json), "flow", problems)
                .orElseThrow(() -> new AssertionError(problems));
        return new FlowRun(flow, Map.of(), assistants, call, new ScriptSandbox(), scheduler, events::add)
                .start()
                .toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
    }

    private static final String ALL = "\"resolved\": \"done\", \"agent\": \"agent\", \"error\": \"oops\"";

    private boolean hasEvent(String type, String attribute) {
        synchronized (events) {
            return events.stream()
                    .anyMatch(e -> e.type().equals(type)
                            && e.attributes().values().stream().anyMatch(v -> v.contains(attribute)));
        }
    }

    @Test
    public void theWordsHeardSoFarReachAnAssistantThatWantsThem() throws Exception {
        assistant(r -> switch (r.event()) {
            case START -> answer(new AssistantAction.Gather(false, true, 1, List.of(), Duration.ofSeconds(4)));
            default -> answer(new AssistantAction.End());
        });
        call.partials.addAll(List.of("order", "order status"));
        call.heard.add(new GatherResult(GatherResult.Outcome.MATCH, null, "order status", 0.9));
        call.heard.add(new GatherResult(GatherResult.Outcome.MATCH, null, "order status", 0.9));
        assertEquals("hangup", run(ALL, ""));
        assertTrue("an assistant that does not ask gets none: " + partialsHeard, partialsHeard.isEmpty());

        wantsPartials = true;
        requests.clear();
        call.active = true; // the first call hung up
        assertEquals("hangup", run(ALL, ""));
        String session = call.session().sessionId();
        assertEquals(List.of(session + ":order:1", session + ":order status:1"), partialsHeard);
        assertEquals(
                "the turn still comes whole", "order status", requests.get(1).text());
    }

    @Test
    public void aSayBeforeAGatherIsItsPromptAndTheAnswerIsTheNextTurn() throws Exception {
        assistant(r -> switch (r.event()) {
            case START ->
                answer(
                        new AssistantAction.Say("Anything else?", true),
                        new AssistantAction.Gather(true, true, 1, List.of(), Duration.ofSeconds(4)));
            default ->
                answer(
                        new AssistantAction.SetContext(Map.of("answer", r.text(), "_hidden", "x")),
                        new AssistantAction.End());
        });
        call.heard.add(new GatherResult(GatherResult.Outcome.MATCH, null, "no thanks", 0.9));
        assertEquals("hangup", run(ALL, ""));
        assertEquals(List.of("gather Anything else? speech [yes, no]", "hangup {X-Done=1}"), call.log);
        assertEquals(TurnRequest.Event.UTTERANCE, requests.get(1).event());
        assertEquals("no thanks", requests.get(1).text());
        assertEquals(1, requests.get(1).context().get("_step"));
        assertEquals("no thanks", call.variables.get("answer"));
        assertTrue("hidden keys stay with the assistant", !call.variables.containsKey("_hidden"));
        assertTrue(hasEvent("assistant.turn", "utterance"));
        assertTrue(hasEvent("assistant.task", "t1"));
        assertTrue(hasEvent("assistant.action", "setContext"));
    }

    @Test
    public void aGatherListensWhileABargeablePlayBeforeItPlaysAndASayMayChooseItsVoice() throws Exception {
        assistant(r -> switch (r.event()) {
            case START ->
                answer(
                        new AssistantAction.Say("Hello.", false, "slt"),
                        new AssistantAction.Play("/tmp/hours.wav", true),
                        new AssistantAction.Gather(true, false, 1, List.of(), Duration.ofSeconds(4)));
            default -> answer(new AssistantAction.End());
        });
        call.playsPend = true; // the play has not ended when the caller presses a key
        call.heard.add(new GatherResult(GatherResult.Outcome.MATCH, "1", null, 1));
        assertEquals("hangup", run(ALL, ""));
        assertEquals(
                List.of("say Hello. [slt]", "play /tmp/hours.wav", "gather null", "hangup {X-Done=1}"),
                call.log.subList(0, 4));
        assertEquals("1", requests.get(1).digits());
    }

    @Test
    public void digitsAndNoInputBecomeTheirEvents() throws Exception {
        assistant(r -> r.event() == TurnRequest.Event.NO_INPUT
                ? answer(new AssistantAction.End())
                : answer(new AssistantAction.Gather(true, false, 4, List.of(), Duration.ofSeconds(2))));
        call.heard.add(new GatherResult(GatherResult.Outcome.MATCH, "4712", null, 1));
        call.heard.add(new GatherResult(GatherResult.Outcome.NO_INPUT, null, null, 0));
        run(ALL, "");
        assertEquals("4712", requests.get(1).digits());
        assertEquals(TurnRequest.Event.NO_INPUT, requests.get(2).event());
    }

    @Test
    public void aTransferLeavesByTheAgentEdgeWithItsReason() throws Exception {
        assistant(r -> answer(new AssistantAction.Transfer("Billing", null, Map.of("X-Intent", "Billing"))));
        assertEquals("transfer", run(ALL, ""));
        assertEquals(List.of("agentTransfer null {X-Why={{context.transferReason}}}"), call.log);
        assertEquals("Billing", call.variables.get("transferReason"));
    }

    @Test
    public void withoutAnAgentEdgeTheAssistantsTransferIsCarriedOut() throws Exception {
        assistant(r -> answer(new AssistantAction.Transfer("Billing", null, Map.of("X-Intent", "Billing"))));
        assertEquals("transfer", run("\"resolved\": \"done\", \"error\": \"oops\", \"hangup\": \"agent\"", ""));
        assertEquals(List.of("agentTransfer null {X-Intent=Billing}"), call.log);
    }

    @Test
    public void aHangupWithoutAnEdgeEndsTheCallWithItsHeaders() throws Exception {
        assistant(
                r -> answer(new AssistantAction.Say("Bye", false), new AssistantAction.Hangup(Map.of("X-R", "done"))));
        assertEquals("hangup", run(ALL, ""));
        assertEquals(List.of("say Bye", "hangup {X-R=done}"), call.log);
    }

    @Test
    public void aSlowAssistantTakesTheErrorEdge() throws Exception {
        assistant(r -> new CompletableFuture<>());
        run(ALL, ", \"turnTimeoutMs\": 300");
        assertEquals(List.of("hangup {X-Error=1}"), call.log);
        assertTrue(hasEvent("flow.error", "no answer in 300 ms"));
    }

    @Test
    public void noBundleForTheTypeTakesTheErrorEdgeSayingSo() throws Exception {
        run(ALL, "");
        assertEquals(List.of("hangup {X-Error=1}"), call.log);
        assertTrue(hasEvent("flow.error", "no installed bundle makes assistants of type 'app'"));
    }

    @Test
    public void theCallerHangingUpEndsTheDialogueWithAHangupTurn() throws Exception {
        assistant(r -> answer(new AssistantAction.Gather(true, true, 1, List.of(), Duration.ofSeconds(2))));
        call.heard.add(new GatherResult(GatherResult.Outcome.HANGUP, null, null, 0));
        assertEquals("caller", run(ALL, ""));
        assertEquals(TurnRequest.Event.HANGUP, requests.get(requests.size() - 1).event());
    }

    @Test
    public void anAssistantThatFollowsItsTransfersHearsAFailureAndGoesOn() throws Exception {
        assistants.addFactory(
                (id, definition) -> new VirtualAssistant() {
                    @Override
                    public String id() {
                        return id;
                    }

                    @Override
                    public boolean followsTransfers() {
                        return true;
                    }

                    @Override
                    public CompletionStage<TurnResponse> takeTurn(TurnRequest r) {
                        requests.add(r);
                        return switch (r.event()) {
                            case START, TRANSFER_FAILED ->
                                requests.size() < 3
                                        ? answer(new AssistantAction.Transfer("TransferToAgent", "sip:q@zcc", Map.of()))
                                        : answer(new AssistantAction.End());
                            default -> answer();
                        };
                    }
                },
                Map.of(AssistantFactory.TYPE, "app"));
        call.transferResult = new TransferResult(false, 486, "transfer failed: SIP/2.0 486 Busy Here");
        assertEquals("hangup", run("\"resolved\": \"done\", \"error\": \"oops\", \"hangup\": \"agent\"", ""));
        assertEquals(TurnRequest.Event.TRANSFER_FAILED, requests.get(1).event());
        assertEquals(
                "486 transfer failed: SIP/2.0 486 Busy Here", requests.get(1).text());
        assertEquals(
                List.of("agentTransfer sip:q@zcc {}", "agentTransfer sip:q@zcc {}", "hangup {X-Done=1}"), call.log);

        requests.clear();
        call.log.clear();
        call.active = true;
        call.transferResult = new TransferResult(true, 200, "SIP/2.0 200 OK");
        assertEquals("transfer", run("\"resolved\": \"done\", \"error\": \"oops\", \"hangup\": \"agent\"", ""));
        assertEquals(TurnRequest.Event.TRANSFERRED, requests.get(1).event());
        assertEquals("200 SIP/2.0 200 OK", requests.get(1).text());
    }

    /** A factory of type "app" whose assistant streams: {@code converse} answers with {@code ending}. */
    private volatile Function<TurnRequest, CompletionStage<TurnResponse>> ending;

    private void streamingAssistant(Function<TurnRequest, CompletionStage<TurnResponse>> how) {
        boolean first = ending == null;
        ending = how;
        if (!first) {
            return;
        }
        assistants.addFactory(
                (id, definition) -> new VirtualAssistant() {
                    @Override
                    public String id() {
                        return id;
                    }

                    @Override
                    public boolean holdsConversation() {
                        return true;
                    }

                    @Override
                    public CompletionStage<TurnResponse> converse(
                            TurnRequest start, org.switchboard.api.call.CallControl c) {
                        requests.add(start);
                        return ending.apply(start);
                    }

                    @Override
                    public CompletionStage<TurnResponse> takeTurn(TurnRequest request) {
                        throw new AssertionError("a streaming assistant takes no turns");
                    }
                },
                Map.of(AssistantFactory.TYPE, "app"));
    }

    @Test
    public void aStreamingAssistantHoldsTheConversationAndItsClosingActionsAreCarriedOut() throws Exception {
        streamingAssistant(start -> answer(
                new AssistantAction.SetContext(Map.of("heardMs", 1000)),
                new AssistantAction.Transfer("TransferToAgent", null, Map.of("X-Intent", "Agent"))));
        assertEquals("transfer", run("\"resolved\": \"done\", \"error\": \"oops\", \"hangup\": \"agent\"", ""));
        assertEquals(List.of("agentTransfer null {X-Intent=Agent}"), call.log);
        assertEquals(1000, call.variables.get("heardMs"));
        assertEquals(TurnRequest.Event.START, requests.get(0).event());
        assertTrue(hasEvent("assistant.stream", "bot"));
    }

    @Test
    public void aStreamThatEndsWithoutAWordIsResolvedAndOneThatFailsTakesTheErrorEdge() throws Exception {
        streamingAssistant(start -> answer());
        assertEquals("hangup", run(ALL, ""));
        assertEquals(List.of("hangup {X-Done=1}"), call.log);

        call.log.clear();
        call.active = true;
        streamingAssistant(start -> CompletableFuture.failedFuture(new IllegalStateException("no media")));
        run(ALL, "");
        assertEquals(List.of("hangup {X-Error=1}"), call.log);
        assertTrue(hasEvent("flow.error", "no media"));
    }

    @Test
    public void undeclaredAssistantsAndUnknownTypesAreRejected() {
        List<Problem> problems = new ArrayList<>();
        FlowParser.parse(JsonParser.parseString("""
                {"id": "f", "start": "a", "assistants": {"x": {"type": "carrier-pigeon"}}, "nodes": [
                  {"id": "a", "type": "automation", "settings": {"assistant": "bot"}}]}"""), "flows[0]", problems);
        assertEquals(2, problems.size());
        assertTrue(problems.toString(), problems.get(0).toString().contains("flows[0].assistants.x.type"));
        assertTrue(problems.toString(), problems.get(1).toString().contains("unknown assistant 'bot'"));
    }
}
