package org.switchboard.assistant.llm.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;
import org.switchboard.api.assistant.AssistantAction;
import org.switchboard.api.assistant.TurnRequest;
import org.switchboard.api.assistant.TurnRequest.Event;
import org.switchboard.api.assistant.TurnResponse;
import org.switchboard.api.call.GatherResult;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** The LLM assistant against a fake OpenAI-compatible server on a real socket. */
public class LlmAssistantTest {

    private final FakeModel model;
    private final FakeCall call = new FakeCall();

    public LlmAssistantTest() throws Exception {
        model = new FakeModel();
    }

    @After
    public void stop() {
        model.close();
    }

    private TurnResponse converse(String extra) throws Exception {
        var assistant = new LlmAssistantFactory()
                .create(
                        "acme",
                        "{\"type\": \"llm\", \"url\": \"" + model.url() + "\", \"model\": \"test\"" + extra + "}");
        assertTrue(assistant.holdsConversation());
        return assistant
                .converse(
                        new TurnRequest(
                                "s1", "st-1", Event.START, null, 0, null, Map.of("tier", "gold"), call.session()),
                        call)
                .toCompletableFuture()
                .get(15, TimeUnit.SECONDS);
    }

    private static AssistantAction last(TurnResponse r) {
        return r.actions().get(r.actions().size() - 1);
    }

    @Test
    public void itSpeaksEachSentenceAsItStreamsListensAfterTheLastAndRemembersTheConversation() throws Exception {
        model.answers.add(
                FakeModel.stream("Hello! I can", " help with orders.", "~600", " What is your", " order number?"));
        model.answers.add(FakeModel.stream("tool:set_context:{\"key\": \"order\", \"value\": \"4712\"}"));
        model.answers.add(FakeModel.stream(
                "Thanks. ",
                "Connecting you now.",
                "tool:transfer_to_agent:{\"reason\": \"order question\", \"headers\": {\"X-Intent\": \"Orders\"}}"));
        call.answers.add(FakeCall.says("four seven one two"));
        long asked = System.nanoTime();
        TurnResponse r = converse("");
        assertEquals(
                List.of(
                        "say Hello!",
                        "say I can help with orders.",
                        "gather What is your order number?",
                        "say Thanks."),
                call.log);
        long firstWords = call.saidAt.get(0) - asked;
        assertTrue(
                "the first sentence is said before the answer ends: " + firstWords / 1_000_000 + " ms",
                firstWords < TimeUnit.MILLISECONDS.toNanos(500));
        assertEquals(
                List.of(
                        new AssistantAction.SetContext(Map.of("order", "4712")),
                        new AssistantAction.Say("Connecting you now.", false),
                        new AssistantAction.Transfer("order question", null, Map.of("X-Intent", "Orders"))),
                r.actions());
        assertEquals("4712", r.context().get("order"));
        assertEquals("gold", r.context().get("tier"));

        JsonObject first = model.requests.get(0);
        assertEquals("test", first.get("model").getAsString());
        assertTrue(first.get("stream").getAsBoolean());
        String system = first.getAsJsonArray("messages")
                .get(0)
                .getAsJsonObject()
                .get("content")
                .getAsString();
        assertTrue(system, system.contains("+15551234") && system.contains("tier = gold"));
        assertEquals(List.of("transfer_to_agent", "hang_up", "set_context"), names(first.getAsJsonArray("tools")));
        JsonArray third = model.requests.get(2).getAsJsonArray("messages");
        assertEquals("the whole conversation is sent each time", 5, third.size());
        assertEquals(
                "four seven one two",
                third.get(2).getAsJsonObject().get("content").getAsString());
        JsonObject toolResult = third.get(4).getAsJsonObject();
        assertEquals("tool", toolResult.get("role").getAsString());
        assertEquals("call_0", toolResult.get("tool_call_id").getAsString());
        assertEquals("ok", toolResult.get("content").getAsString());
        assertEquals("null", model.authorizations.get(0));
    }

    private static List<String> names(JsonArray tools) {
        List<String> n = new java.util.ArrayList<>();
        tools.forEach(t -> n.add(
                t.getAsJsonObject().getAsJsonObject("function").get("name").getAsString()));
        return n;
    }

    @Test
    public void anHttpToolGetsTheArgumentsAndTheModelItsAnswer() throws Exception {
        String tool = "{\"name\": \"order_status\", \"description\": \"Looks up an order\", \"url\": \""
                + model.url().replace("/v1", "/tool") + "\", \"parameters\": {\"type\": \"object\", "
                + "\"properties\": {\"order\": {\"type\": \"string\"}}, \"required\": [\"order\"]}}";
        model.answers.add(FakeModel.stream("tool:order_status:{\"order\": \"4712\"}"));
        model.answers.add(FakeModel.stream("Your order has shipped. Goodbye!", "tool:hang_up:{\"reason\": \"done\"}"));
        TurnResponse r = converse(", \"tools\": [" + tool + "]");
        assertEquals(List.of("{\"order\":\"4712\"}"), model.toolCalls);
        String result = model.requests
                .get(1)
                .getAsJsonArray("messages")
                .get(2)
                .getAsJsonObject()
                .get("content")
                .getAsString();
        assertTrue(result, result.contains("\"status\": \"shipped\""));
        assertEquals(List.of("say Your order has shipped."), call.log);
        assertEquals(
                List.of(
                        new AssistantAction.SetContext(Map.of("hangupReason", "done")),
                        new AssistantAction.Say("Goodbye!", false),
                        new AssistantAction.Hangup(Map.of())),
                r.actions());
        assertEquals(4, names(model.requests.get(0).getAsJsonArray("tools")).size());
    }

    @Test
    public void aGreetingIsSaidFirstAndSilenceAndKeysReachTheModelAsWords() throws Exception {
        model.answers.add(FakeModel.whole("Are you still there?"));
        model.answers.add(FakeModel.stream("Okay, bye.", "tool:hang_up:{}"));
        call.answers.add(new GatherResult(GatherResult.Outcome.NO_INPUT, null, null, 0));
        call.answers.add(new GatherResult(GatherResult.Outcome.MATCH, "5", null, 1));
        TurnResponse r = converse(", \"greeting\": \"Hi, this is Acme.\", \"apiKeyEnv\": \"HOME\"");
        assertEquals(List.of("gather Hi, this is Acme.", "gather Are you still there?"), call.log);
        JsonArray messages = model.requests.get(1).getAsJsonArray("messages");
        assertEquals(
                "(The caller said nothing.)",
                messages.get(2).getAsJsonObject().get("content").getAsString());
        assertEquals(
                "(The caller pressed 5.)",
                messages.get(4).getAsJsonObject().get("content").getAsString());
        assertEquals(new AssistantAction.Hangup(Map.of()), last(r));
        assertEquals(
                "the key comes from the named variable",
                "Bearer " + System.getenv("HOME"),
                model.authorizations.get(0));
    }

    @Test
    public void theCallerHangingUpEndsTheConversation() throws Exception {
        model.answers.add(FakeModel.stream("How can I help?"));
        TurnResponse r = converse("");
        assertEquals(new AssistantAction.End(), last(r));
    }

    private void assertFallback(TurnResponse r, String problem) {
        String error = String.valueOf(r.context().get("llmError"));
        assertTrue(error, error.contains(problem));
        assertEquals(
                new AssistantAction.SetContext(Map.of("llmError", error)),
                r.actions().get(0));
        assertEquals(
                new AssistantAction.Say("Sorry, I am having trouble right now. Let me get you to an agent.", false),
                r.actions().get(1));
        assertEquals(
                new AssistantAction.Transfer("TransferToAgent", null, Map.of()),
                r.actions().get(2));
    }

    @Test
    public void aSlowAnswerTakesTheFallbackAfterTheTurnsBudget() throws Exception {
        model.answers.add(FakeModel.stream("One moment.", "~3000", " Still thinking."));
        TurnResponse r = converse(", \"turnTimeoutMs\": 700");
        assertFallback(r, "did not finish its answer within 700 ms");
        assertEquals(
                "what streamed in time was said",
                List.of(),
                call.log.stream().filter(l -> !l.startsWith("say One moment.")).toList());
    }

    @Test
    public void aFailingOrGarbledAnswerTakesTheFallback() throws Exception {
        model.answers.add(FakeModel.status(500, "{\"error\": \"overloaded\"}"));
        assertFallback(converse(""), "answered HTTP 500: {\"error\": \"overloaded\"}");
        model.answers.add(FakeModel.status(200, "data: {not json\n\n"));
        assertFallback(converse(""), "answered something that is not a chat completion");
    }

    @Test
    public void aToolCallWithBadArgumentsTakesTheFallback() throws Exception {
        model.answers.add(FakeModel.stream("tool:transfer_to_agent:{\"reason\": "));
        assertFallback(converse(""), "called transfer_to_agent with arguments that are not a JSON object");
        model.answers.add(FakeModel.stream("tool:set_context:{\"key\": \"order\"}"));
        assertFallback(converse(""), "called set_context with bad arguments: value must be text");
        model.answers.add(FakeModel.stream("tool:launch_rocket:{}"));
        assertFallback(converse(""), "called an unknown tool 'launch_rocket'");
        model.answers.add(FakeModel.stream(
                "tool:transfer_to_agent:{\"reason\": \"x\", \"headers\": {\"X-Evil\": \"a\\r\\nVia: 1\"}}"));
        assertFallback(converse(""), "header 'X-Evil' is not a header name with a value");
    }

    @Test
    public void anUnreachableModelTakesTheFallback() throws Exception {
        model.close();
        assertFallback(converse(""), "unreachable");
    }

    @Test
    public void badDefinitionsSayWhatIsWrong() {
        assertBad("{\"type\": \"llm\", \"model\": \"m\"}", "$.url: missing");
        assertBad("{\"type\": \"llm\", \"url\": \"http://x/v1\"}", "$.model: missing");
        assertBad("{\"type\": \"llm\", \"url\": \"ftp://x\", \"model\": \"m\"}", "$.url: must be an http");
        assertBad(
                "{\"type\": \"llm\", \"url\": \"http://x\", \"model\": \"m\", \"turnTimeoutMs\": 5}",
                "$.turnTimeoutMs");
        assertBad(
                "{\"type\": \"llm\", \"url\": \"http://x\", \"model\": \"m\", \"apiKey\": \"sk-1\"}",
                "$.apiKey: unknown");
        assertBad(
                "{\"type\": \"llm\", \"url\": \"http://x\", \"model\": \"m\", \"endSilenceMs\": 9000}",
                "$.endSilenceMs: must be 0-5000");
        assertBad(
                "{\"type\": \"llm\", \"url\": \"http://x\", \"model\": \"m\", \"tools\": [{\"name\": \"hang_up\", "
                        + "\"url\": \"http://t\"}]}",
                "$.tools[0].name: 'hang_up' is taken");
    }

    private static void assertBad(String definition, String problem) {
        try {
            LlmSettings.parse(definition);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith(problem));
            return;
        }
        throw new AssertionError("accepted " + definition);
    }
}
