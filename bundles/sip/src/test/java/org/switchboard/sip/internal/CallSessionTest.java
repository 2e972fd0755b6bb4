package org.switchboard.sip.internal;

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
import java.util.concurrent.ExecutionException;

import org.junit.Test;
import org.switchboard.api.adapter.CallPolicy;
import org.switchboard.api.call.GatherRequest;
import org.switchboard.api.call.GatherResult;
import org.switchboard.api.call.Handoff;
import org.switchboard.api.call.SessionContext;
import org.switchboard.api.call.TransferResult;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.EndedBy;
import org.switchboard.api.conversation.Turn;
import org.switchboard.api.media.MediaSession;
import org.switchboard.api.media.MediaStats;

/**
 * The call as a flow drives it, with a fake dialog, policy and media (this unit's collaborators only): the
 * transcript, the adapter deciding every hand-back's headers and reason, operators' actions, and no media engine.
 */
public class CallSessionTest {

    /** Records what the session asks of its SIP dialog. */
    static final class FakeDialog implements CallSession.Dialog {
        final List<String> log = Collections.synchronizedList(new ArrayList<>());
        final List<Turn> turns = Collections.synchronizedList(new ArrayList<>());
        final List<ConversationEvent> events = Collections.synchronizedList(new ArrayList<>());
        volatile boolean active = true;

        @Override
        public boolean isActive() {
            return active;
        }

        @Override
        public CompletableFuture<TransferResult> sendBye(
                Map<String, String> headers, EndedBy by, String reason, boolean force) {
            log.add("BYE " + headers + " " + by + " " + reason + (force ? " forced" : ""));
            active = false;
            return CompletableFuture.completedFuture(new TransferResult(true, 200, "OK"));
        }

        @Override
        public CompletionStage<TransferResult> refer(Handoff handoff) {
            log.add("REFER " + handoff.referTo() + " " + handoff.headers());
            return CompletableFuture.completedFuture(new TransferResult(true, 202, "Accepted"));
        }

        @Override
        public void event(ConversationEvent event) {
            events.add(event);
        }

        @Override
        public void turn(Turn turn) {
            turns.add(turn);
        }

        @Override
        public void task(String name) {
            log.add("task " + name);
        }

        @Override
        public void handedOff(Instant at) {
            log.add("handed off");
        }
    }

    /** An adapter that names its headers after the session's variables. */
    static final class FakePolicy implements CallPolicy {
        @Override
        public Map<String, String> answerHeaders(SessionContext s) {
            return Map.of("X-Session", s.sessionId());
        }

        @Override
        public Handoff agentHandoff(
                SessionContext s, Handoff.Method method, String target, Map<String, String> headers) {
            if (target != null) {
                return Handoff.refer(target, headers);
            }
            Map<String, String> h = new java.util.LinkedHashMap<>(); // an order the log can show
            h.put("X-Why", "agent");
            h.put("X-Intent", String.valueOf(s.variables().get("intent")));
            return Handoff.bye(h, "ToAgent");
        }

        @Override
        public Handoff botHangup(SessionContext s, Map<String, String> headers) {
            return Handoff.bye(headers, null);
        }
    }

    /** Media that answers at once and remembers what it was asked. */
    static final class FakeMedia implements MediaSession {
        final List<String> log = Collections.synchronizedList(new ArrayList<>());

        @Override
        public int localPort() {
            return 40000;
        }

        @Override
        public void connect(String remoteAddress, int remotePort, int payloadType, String codec, int dtmfPayloadType) {}

        @Override
        public CompletionStage<Void> say(String text, String voice, boolean bargeIn) {
            log.add("say " + text);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> play(URI audio, boolean bargeIn) {
            log.add("play " + audio.getPath());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<GatherResult> gather(GatherRequest request) {
            return CompletableFuture.completedFuture(new GatherResult(GatherResult.Outcome.MATCH, "4712", null, 1));
        }

        @Override
        public void sendDtmf(String digits) {
            log.add("dtmf " + digits);
        }

        @Override
        public void abortPrompts() {
            log.add("abort");
        }

        @Override
        public void injectDtmf(char digit, int durationMs) {}

        @Override
        public MediaStats stats() {
            return null;
        }

        @Override
        public void close() {}
    }

    private final FakeDialog dialog = new FakeDialog();
    private final FakeMedia media = new FakeMedia();
    private final SessionContext base = new SessionContext(
            "64d0d2f2bfeaa2d58a566d08",
            "c1@zcc",
            "st-1",
            "zcc",
            "+15550100",
            "+14085551212",
            Instant.EPOCH,
            Map.of("ignored", true),
            Map.of("X-Trace-ID", "t-1"));
    private final CallSession session = new CallSession(dialog, base, new FakePolicy(), media);

    @Test
    public void promptsGathersAndDtmfAreRecordedInTheTranscriptUnderTheCurrentTask() throws Exception {
        session.flowEvent(new ConversationEvent(base.sessionId(), Instant.now(), "flow.node", Map.of("node", "ask")));
        assertEquals("ask", session.task());
        session.say("Your order number?", null, true).toCompletableFuture().get();
        GatherResult r = session.gather(new GatherRequest(
                        "Key it in.",
                        true,
                        true,
                        8,
                        "#",
                        false,
                        List.of(),
                        java.time.Duration.ofSeconds(5),
                        java.time.Duration.ofSeconds(3)))
                .toCompletableFuture()
                .get();
        assertEquals("4712", r.digits());
        session.play(URI.create("file:/prompts/hold.wav"), false)
                .toCompletableFuture()
                .get();
        session.sendDtmf("1#").toCompletableFuture().get();
        session.abortPrompts();
        assertEquals(List.of("say Your order number?", "play /prompts/hold.wav", "dtmf 1#", "abort"), media.log);
        assertEquals(
                List.of("Your order number?", "Key it in.", "[audio hold.wav]"),
                dialog.turns.stream()
                        .filter(t -> t.direction() == Direction.OUTGOING)
                        .map(Turn::text)
                        .toList());
        Turn keyed = dialog.turns.stream()
                .filter(t -> t.direction() == Direction.INCOMING)
                .findFirst()
                .orElseThrow();
        assertEquals("4712", keyed.digits());
        assertTrue(dialog.turns.stream().allMatch(t -> "ask".equals(t.taskName())));
        assertTrue(dialog.log.contains("task ask"));
        assertTrue(dialog.events.stream().anyMatch(e -> e.type().equals("dtmf.sent")));
    }

    @Test
    public void theAdapterDecidesTheHandoffHeadersAndTheReasonRecorded() throws Exception {
        session.setVariable("intent", "Billing");
        assertEquals("Billing", session.session().variables().get("intent"));
        assertFalse(
                "the base's variables are not the flow's",
                session.session().variables().containsKey("ignored"));
        assertEquals("t-1", session.session().sipHeader("x-trace-id"));
        assertEquals(Map.of("X-Session", base.sessionId()), session.answerHeaders());

        session.agentTransfer(null, null, Map.of()).toCompletableFuture().get();
        assertEquals(List.of("handed off", "BYE {X-Why=agent, X-Intent=Billing} TRANSFER ToAgent"), dialog.log);
        assertTrue(dialog.events.stream()
                .anyMatch(e -> e.type().equals("transfer.bye")
                        && "Billing".equals(e.attributes().get("header.X-Intent"))));
        dialog.log.clear();
        session.agentTransfer(Handoff.Method.REFER, "agent_42", Map.of("X-Q", "1"))
                .toCompletableFuture()
                .get();
        assertEquals(List.of("REFER agent_42 {X-Q=1}"), dialog.log);
        dialog.log.clear();
        session.hangup(Map.of("X-Resolution", "done")).toCompletableFuture().get();
        assertEquals(
                "an adapter naming no reason gets the gateway's",
                List.of("BYE {X-Resolution=done} BOT " + CallSession.BOT_HANGUP),
                dialog.log);
    }

    @Test
    public void operatorsAndAStoppingGatewayEndTheCallThroughTheAdapter() throws Exception {
        session.operatorHangup("hung up from the console");
        assertTrue(dialog.events.stream().anyMatch(e -> e.type().equals("operator.hangup")));
        assertEquals("BYE {} BOT " + CallSession.BOT_HANGUP, dialog.log.get(0));
        dialog.log.clear();
        session.shutdown(true).get();
        assertEquals(
                List.of("handed off", "BYE {X-Why=agent, X-Intent=null} TRANSFER Switchboard stopping forced"),
                dialog.log);
        dialog.log.clear();
        session.endOnError("media timeout: no RTP for 30 s").get();
        assertEquals(List.of("BYE {} ERROR media timeout: no RTP for 30 s forced"), dialog.log);
    }

    @Test
    public void withoutAMediaEngineMediaActionsFailAndHandoffsStillWork() throws Exception {
        CallSession bare = new CallSession(dialog, base, new FakePolicy(), null);
        for (CompletionStage<?> s : List.of(
                bare.say("hi", null, true),
                bare.play(URI.create("file:/a.wav"), true),
                bare.sendDtmf("1"),
                bare.gather(new GatherRequest(
                        null,
                        true,
                        true,
                        1,
                        null,
                        false,
                        List.of(),
                        java.time.Duration.ofSeconds(1),
                        java.time.Duration.ofSeconds(1))))) {
            ExecutionException e = org.junit.Assert.assertThrows(
                    ExecutionException.class, () -> s.toCompletableFuture().get());
            assertTrue(e.getCause() instanceof UnsupportedOperationException);
        }
        bare.abortPrompts();
        bare.agentTransfer(null, null, Map.of()).toCompletableFuture().get();
        assertTrue(dialog.log.toString(), dialog.log.get(dialog.log.size() - 1).startsWith("BYE"));
    }
}
