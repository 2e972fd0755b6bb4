package org.switchboard.flow.internal.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;
import org.switchboard.api.call.CallControl;
import org.switchboard.api.call.GatherRequest;
import org.switchboard.api.call.GatherResult;
import org.switchboard.api.call.Handoff;
import org.switchboard.api.call.SessionContext;
import org.switchboard.api.call.TransferResult;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.flow.internal.model.Flow;
import org.switchboard.flow.internal.model.FlowParser;
import org.switchboard.flow.internal.model.Problem;
import org.switchboard.flow.internal.script.ScriptSandbox;

import com.google.gson.JsonParser;

public class FlowRunTest {

    /** Records what the flow asks of the call; a fake for the flow bundle's unit tests only. */
    public static final class FakeCall implements CallControl {
        public final List<String> log = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Object> variables = new java.util.concurrent.ConcurrentHashMap<>();
        volatile boolean active = true;
        volatile TransferResult transferResult = new TransferResult(true, 200, "OK");

        @Override
        public SessionContext session() {
            return new SessionContext(
                    "64d0d2f2bfeaa2d58a566d08",
                    "call-1",
                    null,
                    "zcc",
                    "+15550100",
                    "+14085551212",
                    Instant.now(),
                    variables,
                    Map.of("X-Intent-Hint", "Sales", "User-to-User", "00ff;encoding=hex"));
        }

        @Override
        public boolean isActive() {
            return active;
        }

        @Override
        public void setVariable(String name, Object value) {
            variables.put(name, value);
        }

        @Override
        public CompletionStage<Void> say(String text, String voice, boolean bargeIn) {
            log.add("say " + text + (voice == null ? "" : " [" + voice + "]"));
            return CompletableFuture.completedFuture(null);
        }

        final java.util.List<CompletableFuture<Void>> plays = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile boolean playsPend;

        @Override
        public CompletionStage<Void> sendDtmf(String digits) {
            log.add("dtmf " + digits);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void abortPrompts() {
            log.add("abort");
            plays.forEach(p -> p.complete(null));
        }

        @Override
        public CompletionStage<Void> play(URI audio, boolean bargeIn) {
            if (playsPend) {
                log.add("play " + audio.getPath());
                CompletableFuture<Void> p = new CompletableFuture<>();
                plays.add(p);
                return p;
            }
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("unplayable prompt file " + audio.getPath() + ": no data chunk"));
        }

        final java.util.Deque<GatherResult> heard = new java.util.concurrent.ConcurrentLinkedDeque<>();
        final List<GatherRequest> gathers = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** Partial results each gather that asks for them hears before its result. */
        final List<String> partials = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<GatherResult> gather(
                GatherRequest request, java.util.function.Consumer<String> listener) {
            if (listener != null) {
                partials.forEach(listener);
            }
            return gather(request);
        }

        @Override
        public CompletionStage<GatherResult> gather(GatherRequest request) {
            gathers.add(request);
            log.add("gather " + request.prompt() + (request.speech() ? " speech " + request.phrases() : "")
                    + (request.voice() == null ? "" : " [" + request.voice() + "]"));
            GatherResult r = heard.poll();
            return r == null
                    ? CompletableFuture.failedFuture(new IllegalStateException("nothing scripted"))
                    : CompletableFuture.completedFuture(r);
        }

        @Override
        public CompletionStage<TransferResult> transfer(Handoff handoff) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<TransferResult> agentTransfer(
                Handoff.Method method, String target, Map<String, String> headers) {
            log.add("agentTransfer " + (method == null ? "" : method + " ") + target + " " + headers);
            if (transferResult.success()) {
                active = false;
            }
            return CompletableFuture.completedFuture(transferResult);
        }

        @Override
        public CompletionStage<Void> hangup(Map<String, String> headers) {
            log.add("hangup " + headers);
            active = false;
            return CompletableFuture.completedFuture(null);
        }
    }

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<ConversationEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final FakeCall call = new FakeCall();

    @After
    public void stop() {
        scheduler.shutdownNow();
    }

    private static Flow parse(String flowJson) {
        List<Problem> problems = new ArrayList<>();
        return FlowParser.parse(JsonParser.parseString(flowJson), "flow", problems)
                .orElseThrow(() -> new AssertionError(problems));
    }

    private String run(String flowJson) throws Exception {
        return run(flowJson, () -> {});
    }

    /** Runs a flow while {@code meanwhile} acts on the call from another thread. */
    private String run(String flowJson, Runnable meanwhile) throws Exception {
        CompletableFuture<String> done = new FlowRun(parse(flowJson), call, new ScriptSandbox(), scheduler, events::add)
                .start()
                .toCompletableFuture();
        meanwhile.run();
        return done.get(20, TimeUnit.SECONDS);
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertTrue("condition not reached", condition.getAsBoolean());
    }

    private String run(String flowJson, Map<String, Map<String, String>> headerSets) throws Exception {
        return new FlowRun(parse(flowJson), headerSets, call, new ScriptSandbox(), scheduler, events::add)
                .start()
                .toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
    }

    @Test
    public void aHeaderSetGivesItsHeadersAndTheNodesOwnWin() throws Exception {
        assertEquals(
                "transfer",
                run("""
                {"id": "f", "start": "agent", "nodes": [
                  {"id": "agent", "type": "agentTransfer", "settings": {"headerSet": "billing",
                   "headers": {"X-Intent": "Refund"}}}]}""", Map.of("billing", new java.util.TreeMap<>(Map.of("X-Intent", "Billing", "X-Queue", "q1")))));
        assertEquals(List.of("agentTransfer null {X-Intent=Refund, X-Queue=q1}"), call.log);
    }

    private boolean hasEvent(String type, String attribute) {
        List<ConversationEvent> seen;
        synchronized (events) {
            seen = List.copyOf(events);
        }
        return seen.stream()
                .anyMatch(e -> e.type().equals(type)
                        && e.attributes().values().stream().anyMatch(v -> v.contains(attribute)));
    }

    static final String DEMO = """
            {"id": "demo-agent", "start": "intent", "nodes": [
              {"id": "intent", "type": "script", "settings": {"code": "context.intent = 'Billing'; print('routed');"},
               "next": {"done": "agent", "error": "agent"}},
              {"id": "agent", "type": "agentTransfer", "settings": {"headers": {"X-Intent": "{{context.intent}}"}},
               "next": {"failed": "sorry"}},
              {"id": "sorry", "type": "hangup", "settings": {"message": "No agent is free", "headers": {"X-Result": "no-agent"}}}]}""";

    @Test
    public void demoFlowSetsTheIntentAndHandsToAnAgent() throws Exception {
        assertEquals("transfer", run(DEMO));
        assertEquals(List.of("agentTransfer null {X-Intent={{context.intent}}}"), call.log);
        assertEquals("Billing", call.variables.get("intent"));
        assertTrue(events.toString(), hasEvent("flow.script.print", "routed"));
        assertTrue(hasEvent("flow.node", "agentTransfer"));
        assertTrue(hasEvent("flow.finished", "transfer"));
        assertTrue(events.stream().allMatch(e -> e.sessionId().equals("64d0d2f2bfeaa2d58a566d08")));
    }

    @Test
    public void theNodesMethodIsPassedOn() throws Exception {
        assertEquals(
                "transfer",
                run(DEMO.replace("\"settings\": {\"headers\"", "\"settings\": {\"method\": \"bye\", \"headers\"")));
        assertEquals(List.of("agentTransfer BYE null {X-Intent={{context.intent}}}"), call.log);
    }

    @Test
    public void aFailedTransferFollowsTheFailedEdge() throws Exception {
        call.transferResult = new TransferResult(false, 486, "Busy Here");
        assertEquals("hangup", run(DEMO));
        assertEquals(
                List.of(
                        "agentTransfer null {X-Intent={{context.intent}}}",
                        "say No agent is free",
                        "hangup {X-Result=no-agent}"),
                call.log);
        assertTrue(hasEvent("flow.error", "transfer failed: 486 Busy Here"));
    }

    @Test
    public void aScriptErrorTakesTheErrorEdgeAndIsRecorded() throws Exception {
        assertEquals("hangup", run("""
                {"id": "f", "start": "s", "nodes": [
                  {"id": "s", "type": "script", "settings": {"code": "print(voiceUtils.refer('m', ExternalPhoneNumber, {}))"},
                   "next": {"error": "bye"}},
                  {"id": "bye", "type": "hangup"}]}"""));
        assertTrue(events.toString(), hasEvent("flow.error", "ExternalPhoneNumber"));
        assertEquals(List.of("hangup {}"), call.log);
    }

    @Test
    public void scriptsAndConditionsReadTheSessionKoreStyleButCannotChangeIt() throws Exception {
        assertEquals("hangup", run("""
                {"id": "f", "start": "s", "nodes": [
                  {"id": "s", "type": "script", "settings": {"code": "context.intent = context.session.UserSession.sipHeaders['X-Intent-Hint'] || 'Billing'; context.uui = context.session.BotUserSession.channels[0].handle.sipHeaders['User-to-User']; context.from = context.session.UserSession.caller + '>' + context.session.UserSession.dialedNumber; context.session = 'overwritten';"},
                   "next": {"done": "c"}},
                  {"id": "c", "type": "condition", "settings": {"expression": "context.session.UserSession.sipHeaders['X-Intent-Hint'] === 'Sales'"},
                   "next": {"true": "bye", "false": "t"}},
                  {"id": "t", "type": "agentTransfer"},
                  {"id": "bye", "type": "hangup"}]}"""));
        assertEquals("Sales", call.variables.get("intent"));
        assertEquals("00ff;encoding=hex", call.variables.get("uui"));
        assertEquals("+14085551212>+15550100", call.variables.get("from"));
        assertFalse("session is not a flow variable", call.variables.containsKey("session"));
    }

    @Test
    public void voiceUtilsRunInOrderAPlayIsAwaitedAndAbortPromptStopsIt() throws Exception {
        call.playsPend = true;
        assertEquals("transfer", run("""
                {"id": "f", "start": "s", "nodes": [
                  {"id": "s", "type": "script", "settings": {"code": "voiceUtils.play('/tmp/hold.wav'); voiceUtils.abortPrompt(); voiceUtils.play('/tmp/second.wav'); voiceUtils.sendDTMF('12#'); voiceUtils.refer('One moment', 'agent_42', {'X-Queue': 'vip'});"},
                   "next": {"transferFailed": "bye"}},
                  {"id": "bye", "type": "hangup"}]}""", () -> {
            await(() -> call.log.contains("play /tmp/second.wav"));
            call.plays.forEach(p -> p.complete(null));
        }));
        assertEquals(
                List.of(
                        "play /tmp/hold.wav",
                        "abort",
                        "play /tmp/second.wav",
                        "dtmf 12#",
                        "say One moment",
                        "agentTransfer REFER agent_42 {X-Queue=vip}"),
                call.log);
    }

    @Test
    public void scriptReferTransfersAndItsFailureHasAnEdge() throws Exception {
        String flow = """
                {"id": "f", "start": "s", "nodes": [
                  {"id": "s", "type": "script", "settings": {"code": "var ExternalPhoneNumber = '+919876543210'; voiceUtils.refer('Transferring', ExternalPhoneNumber, {'X-Reason': 'Call Received from Kore'})"},
                   "next": {"transferFailed": "bye"}},
                  {"id": "bye", "type": "hangup"}]}""";
        assertEquals("transfer", run(flow));
        assertEquals(
                List.of("say Transferring", "agentTransfer REFER +919876543210 {X-Reason=Call Received from Kore}"),
                call.log);
        call.log.clear();
        call.active = true;
        call.transferResult = new TransferResult(false, 0, "NOTIFY timeout after 15 s");
        assertEquals("hangup", run(flow));
        assertEquals("hangup {}", call.log.get(call.log.size() - 1));
    }

    @Test
    public void conditionsBranchAndARunOutFlowIsEndedByTheBot() throws Exception {
        call.variables.put("vip", true);
        assertEquals("hangup", run("""
                {"id": "f", "start": "c", "nodes": [
                  {"id": "c", "type": "condition", "settings": {"expression": "context.vip === true"}, "next": {"true": "w", "false": "t"}},
                  {"id": "w", "type": "wait", "settings": {"ms": 50}},
                  {"id": "t", "type": "agentTransfer"}]}"""));
        assertEquals(List.of("hangup {}"), call.log);
        assertTrue(hasEvent("flow.end", "no edge"));
    }

    @Test
    public void loopsAreCutAndCallerHangupsStopTheFlow() throws Exception {
        assertEquals("error: loop", run("""
                {"id": "f", "start": "w", "nodes": [{"id": "w", "type": "wait", "settings": {"ms": 0}, "next": {"done": "w"}}]}"""));
        assertTrue(hasEvent("flow.error", "the flow loops"));
        call.active = true;
        assertEquals("synchronous nodes loop without deep recursion", "error: loop", run("""
                {"id": "f", "start": "s", "nodes": [{"id": "s", "type": "script", "settings": {"code": "context.n = (context.n || 0) + 1"}, "next": {"done": "s"}}]}"""));
        call.active = true;
        scheduler.schedule(() -> call.active = false, 100, TimeUnit.MILLISECONDS);
        assertEquals("caller", run("""
                {"id": "f", "start": "w", "nodes": [{"id": "w", "type": "wait", "settings": {"ms": 300}, "next": {"done": "w"}}]}"""));
    }

    @Test
    public void aGatherRepromptsOnNoInputAndStoresTheMatchInItsVariable() throws Exception {
        call.heard.add(new GatherResult(GatherResult.Outcome.NO_INPUT, null, null, 0));
        call.heard.add(new GatherResult(GatherResult.Outcome.MATCH, "2", null, 1));
        assertEquals("hangup", run("""
                {"id": "f", "start": "m", "nodes": [
                  {"id": "m", "type": "message", "settings": {"text": "Hello"}, "next": {"done": "g"}},
                  {"id": "g", "type": "gather", "settings": {"variable": "choice", "prompt": "Press 1 or 2", "retries": 1},
                   "next": {"match": "h", "noInput": "t"}},
                  {"id": "h", "type": "hangup"},
                  {"id": "t", "type": "agentTransfer"}]}"""));
        assertEquals(List.of("say Hello", "gather Press 1 or 2", "gather Press 1 or 2", "hangup {}"), call.log);
        assertEquals("2", call.variables.get("choice"));
        assertTrue(hasEvent("gather.noInput", "1"));
    }

    @Test
    public void aGathersTurnTakingSettingsReachTheMediaAndAbsentOnesAreTheEnginesDefaults() throws Exception {
        call.heard.add(new GatherResult(GatherResult.Outcome.MATCH, null, "billing", 0.9));
        call.heard.add(new GatherResult(GatherResult.Outcome.MATCH, null, "agent", 0.9));
        assertEquals("hangup", run("""
                {"id": "f", "start": "a", "nodes": [
                  {"id": "a", "type": "gather", "settings": {"variable": "v", "speech": true, "phrases": ["billing"],
                   "commitSilenceMs": 150, "endSilenceMs": 0, "resumeWindowMs": 900}, "next": {"match": "b"}},
                  {"id": "b", "type": "gather", "settings": {"variable": "w", "speech": true, "phrases": ["agent"]},
                   "next": {"match": "h"}},
                  {"id": "h", "type": "hangup"}]}"""));
        org.switchboard.api.call.TurnTaking first = call.gathers.get(0).turn();
        assertEquals(java.time.Duration.ofMillis(150), first.commitSilence());
        assertEquals(java.time.Duration.ZERO, first.endSilence());
        assertEquals(java.time.Duration.ofMillis(900), first.resumeWindow());
        assertEquals(
                org.switchboard.api.call.TurnTaking.DEFAULTS,
                call.gathers.get(1).turn());
    }

    @Test
    public void promptsAreSaidInTheNodesVoice() throws Exception {
        call.heard.add(new GatherResult(GatherResult.Outcome.MATCH, "1", null, 1));
        assertEquals("hangup", run("""
                {"id": "f", "start": "m", "nodes": [
                  {"id": "m", "type": "message", "settings": {"text": "Hello", "voice": "kevin16"}, "next": {"done": "g"}},
                  {"id": "g", "type": "gather", "settings": {"variable": "v", "prompt": "Press 1", "voice": "kevin"},
                   "next": {"match": "h"}},
                  {"id": "h", "type": "hangup", "settings": {"message": "Bye", "voice": "kevin16"}}]}"""));
        assertEquals(
                List.of("say Hello [kevin16]", "gather Press 1 [kevin]", "say Bye [kevin16]", "hangup {}"), call.log);
    }

    @Test
    public void speechMustContainAPhraseAndRetriesRunOutOnTheirEdge() throws Exception {
        call.heard.add(new GatherResult(GatherResult.Outcome.MATCH, null, "what is the weather", 0.8));
        assertEquals("hangup", run("""
                {"id": "f", "start": "g", "nodes": [
                  {"id": "g", "type": "gather", "settings": {"variable": "v", "speech": true, "phrases": ["billing", "order status"],
                   "retries": 0}, "next": {"match": "t", "noMatch": "h"}},
                  {"id": "h", "type": "hangup"},
                  {"id": "t", "type": "agentTransfer"}]}"""));
        assertEquals("gather null speech [billing, order status]", call.log.get(0));
        assertEquals("hangup {}", call.log.get(1));

        call.active = true;
        call.log.clear();
        call.heard.add(new GatherResult(GatherResult.Outcome.MATCH, null, "uh order status please", 0.8));
        run("""
                {"id": "f", "start": "g", "nodes": [
                  {"id": "g", "type": "gather", "settings": {"variable": "v", "speech": true, "phrases": ["billing", "order status"]},
                   "next": {"match": "h"}},
                  {"id": "h", "type": "hangup"}]}""");
        assertEquals("uh order status please", call.variables.get("v"));
    }

    @Test
    public void anUnplayableFileTakesTheErrorEdgeNamingTheFile() throws Exception {
        run("""
                {"id": "f", "start": "m", "nodes": [
                  {"id": "m", "type": "message", "settings": {"audio": "/prompts/missing.wav"}, "next": {"error": "h"}},
                  {"id": "h", "type": "hangup"}]}""");
        assertEquals(List.of("hangup {}"), call.log);
        assertTrue(hasEvent("flow.error", "/prompts/missing.wav"));
    }
}
