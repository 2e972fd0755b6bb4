package org.switchboard.assistant.internal.app;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.switchboard.api.assistant.AssistantAction;
import org.switchboard.api.assistant.TurnRequest;
import org.switchboard.api.assistant.TurnRequest.Event;
import org.switchboard.api.assistant.TurnResponse;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The demo workspace's Acme app, turn by turn, as the automation node would drive it. */
public class AppAssistantTest {

    static String demoApp() throws IOException {
        Path demo = Paths.get("../../examples/workspace/demo.json");
        JsonObject w = JsonParser.parseString(Files.readString(demo)).getAsJsonObject();
        for (JsonElement f : w.getAsJsonArray("flows")) {
            JsonObject a = f.getAsJsonObject().getAsJsonObject("assistants");
            if (a != null && a.has("acme")) {
                return a.get("acme").toString();
            }
        }
        throw new AssertionError("the demo workspace has no acme assistant");
    }

    private final AppAssistant app;
    private Map<String, Object> context = Map.of();

    public AppAssistantTest() throws IOException {
        app = new AppAssistant("acme", AppModel.parse(demoApp()));
    }

    private List<AssistantAction> turn(Event event, String text, String digits) {
        TurnResponse r = app.takeTurn(
                        new TurnRequest("s1", "st-x", event, text, text == null ? 0 : 0.9, digits, context))
                .toCompletableFuture()
                .join();
        context = r.context();
        return r.actions();
    }

    private static String said(List<AssistantAction> actions) {
        StringBuilder b = new StringBuilder();
        for (AssistantAction a : actions) {
            if (a instanceof AssistantAction.Say s) {
                b.append(s.text()).append(' ');
            }
        }
        return b.toString().trim();
    }

    private static <T extends AssistantAction> T last(List<AssistantAction> actions, Class<T> type) {
        AssistantAction a = actions.get(actions.size() - 1);
        assertTrue("last action " + a, type.isInstance(a));
        return type.cast(a);
    }

    @Test
    public void greetsAndListensForTheMenuWithItsPhrases() {
        List<AssistantAction> a = turn(Event.START, null, null);
        assertTrue(said(a), said(a).startsWith("Thank you for calling Acme support. You can say billing"));
        AssistantAction.Gather g = last(a, AssistantAction.Gather.class);
        assertTrue(g.dtmf() && g.speech());
        assertTrue(g.phrases().contains("order status"));
        assertEquals(g.phrases(), app.expectedPhrases(context));
    }

    @Test
    public void orderStatusBySpeechReadsTheStatusBackThenEnds() {
        turn(Event.START, null, null);
        List<AssistantAction> a = turn(Event.UTTERANCE, "order status", null);
        assertEquals("Please say or key in your order number.", said(a));
        assertEquals(8, last(a, AssistantAction.Gather.class).maxDigits());
        assertTrue(app.expectedPhrases(context).contains("seven"));
        a = turn(Event.UTTERANCE, "four seven one two", null);
        assertTrue(
                said(a),
                said(a).startsWith("The status of order 4 7 1 2: shipped yesterday and will arrive tomorrow."));
        assertEquals("4712", context.get("orderNumber"));
        a = turn(Event.UTTERANCE, "no", null);
        last(a, AssistantAction.End.class);
        assertEquals("OrderStatusGiven", context.get("resolution"));
        assertEquals("OrderStatus", context.get("intent"));
    }

    @Test
    public void anUnsureYesOrNoIsAskedAgain() {
        turn(Event.START, null, null);
        turn(Event.UTTERANCE, "order status", null);
        turn(Event.UTTERANCE, "four seven one two", null);
        TurnResponse r = app.takeTurn(new TurnRequest("s1", "st-x", Event.UTTERANCE, "no", 0.55, null, context))
                .toCompletableFuture()
                .join();
        assertTrue(said(r.actions()), said(r.actions()).startsWith("Sorry, I did not get that. Can I help you"));
    }

    @Test
    public void keypadWorksEverywhere() {
        turn(Event.START, null, null);
        turn(Event.DTMF, null, "2");
        List<AssistantAction> a = turn(Event.DTMF, null, "1234");
        assertTrue(said(a), said(a).contains("out for delivery today"));
        a = turn(Event.DTMF, null, "1"); // yes: back to the menu
        assertTrue(said(a).startsWith("You can say billing"));
        a = turn(Event.DTMF, null, "0");
        AssistantAction.Transfer t = last(a, AssistantAction.Transfer.class);
        assertEquals(Map.of("X-Intent", "Agent"), t.headers());
    }

    @Test
    public void agentWorksAtEveryQuestion() {
        turn(Event.START, null, null);
        List<AssistantAction> a = turn(Event.UTTERANCE, "order status", null);
        assertTrue(
                "the order number's grammar hears 'agent'",
                last(a, AssistantAction.Gather.class).phrases().contains("agent"));
        assertTrue(app.expectedPhrases(context).contains("representative"));
        a = turn(Event.UTTERANCE, "agent", null);
        assertEquals("Connecting you to an agent.", said(a));
        assertEquals(
                Map.of("X-Intent", "Agent"),
                last(a, AssistantAction.Transfer.class).headers());

        context = Map.of();
        turn(Event.START, null, null);
        turn(Event.DTMF, null, "2");
        turn(Event.DTMF, null, "4712");
        a = turn(Event.UTTERANCE, "i want to talk to a person", null); // at the yes-or-no question
        assertEquals(
                Map.of("X-Intent", "Agent"),
                last(a, AssistantAction.Transfer.class).headers());
    }

    @Test
    public void anAppWithAnUnknownAnytimeIntentIsRefusedWithThePath() throws IOException {
        String bad = demoApp().replace("\"anytimeIntent\":\"Agent\"", "\"anytimeIntent\":\"Nobody\"");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AppModel.parse(bad));
        assertTrue(e.getMessage(), e.getMessage().contains("$.anytimeIntent"));
    }

    @Test
    public void twoFailedAttemptsInTheMenuHandToAnAgent() {
        turn(Event.START, null, null);
        List<AssistantAction> a = turn(Event.UTTERANCE, "what is the weather", null);
        assertEquals(
                "a short menu on the retry",
                "Sorry, I did not get that. Say billing, order status, or agent. Or press 1, 2, or 0.",
                said(a));
        a = turn(Event.NO_INPUT, null, null);
        assertEquals("the caller hears why", "Let me get you someone who can help.", said(a));
        AssistantAction.Transfer t = last(a, AssistantAction.Transfer.class);
        assertEquals("TransferToAgent", t.reason());
        assertEquals(Map.of("X-Intent", "Unrecognized"), t.headers());
    }

    @Test
    public void aBadOrderNumberIsAskedAgainThenHandedToAnAgentWithTheIntent() {
        turn(Event.START, null, null);
        turn(Event.UTTERANCE, "where is my order", null);
        List<AssistantAction> a = turn(Event.UTTERANCE, "one two", null); // too short
        assertTrue(said(a), said(a).startsWith("Sorry, I did not get that. Please say your order number one digit"));
        a = turn(Event.NO_INPUT, null, null);
        assertEquals(
                Map.of("X-Intent", "OrderStatus"),
                last(a, AssistantAction.Transfer.class).headers());
    }

    @Test
    public void billingHandsToTheBillingTeam() {
        turn(Event.START, null, null);
        List<AssistantAction> a = turn(Event.UTTERANCE, "i want to pay my bill", null);
        assertEquals("Let me connect you with our billing team.", said(a));
        assertEquals(
                Map.of("X-Intent", "Billing"),
                last(a, AssistantAction.Transfer.class).headers());
    }

    @Test
    public void definitionErrorsNameTheirPath() {
        String[][] cases = {
            {"{\"type\":\"app\"}", "$.menu: missing"},
            {"{\"type\":\"app\",\"menu\":\"m\",\"intents\":[]}", "$.intents"},
            {
                "{\"type\":\"app\",\"menu\":\"m\",\"intents\":[{\"name\":\"A\",\"examples\":[\"a\"],\"task\":\"t\"}]}",
                "$.intents[0].task: no task 't'"
            },
            {
                "{\"type\":\"app\",\"menu\":\"m\",\"intents\":[{\"name\":\"A\",\"examples\":[\"a\"],\"task\":\"t\"}],"
                        + "\"tasks\":{\"t\":[{\"ask\":\"x\",\"entity\":\"colour\",\"prompt\":\"p\"}]}}",
                "$.tasks.t[0].entity: unknown entity 'colour'"
            },
            {
                "{\"type\":\"app\",\"menu\":\"m\",\"intents\":[{\"name\":\"A\",\"examples\":[\"a\"],\"task\":\"t\"}],"
                        + "\"tasks\":{\"t\":[{\"branch\":{\"variable\":\"v\",\"cases\":{\"x\":\"nowhere\"}}}]}}",
                "$.tasks.t[0].branch: no task 'nowhere'"
            },
            {"{\"type\":\"app\",\"menu\":\"m\",\"colour\":1}", "$.colour: unknown field"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AppModel.parse(c[0]));
            assertTrue(e.getMessage(), e.getMessage().startsWith(c[1]));
        }
    }
}
