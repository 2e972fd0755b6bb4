package org.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Test;
import org.switchboard.api.bot.AppCredentials;
import org.switchboard.api.bot.BotApp;
import org.switchboard.api.bot.BotRepository;
import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationStore;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.Turn;
import org.switchboard.testing.Jwt;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The Conversation Details and Summary API over the container's Jetty, for a call sipp hands to an agent: the demo
 * bot's record comes from the workspace, the apps and secrets from the store, the transcript from the recorder (and,
 * until the media engine records speech, turns written through the store service), the summary from the built-in
 * summarizer; and every refusal as JSON with its status.
 */
public class ConversationApiIT extends SwitchboardTestSupport {

    static final String BOT = "st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0";
    static final String DETAILS = "/api/public/bot/" + BOT + "/conversationDetails";
    static final String SUMMARY = "/api/public/streams/" + BOT + "/conversationSummary";

    private BotRepository bots() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            var ref = context.getServiceReference(BotRepository.class);
            if (ref != null) {
                BotRepository r = context.getService(ref);
                if (r.bot(BOT).isPresent()) {
                    return r;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the demo bot was not created from the workspace");
    }

    static String jwt(String claims, String secret) {
        return Jwt.hs256(claims, secret);
    }

    static String token(AppCredentials app) throws Exception {
        long now = Instant.now().getEpochSecond();
        return jwt(
                "{\"sub\":\"zcc\",\"appId\":\"" + app.clientId() + "\",\"iat\":" + now + ",\"exp\":" + (now + 300)
                        + "}",
                app.clientSecret());
    }

    static Http post(String path, String token, String body) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (token != null) {
            headers.put("auth", token);
        }
        return request("POST", path, headers, body);
    }

    private Conversation handOffACall() throws Exception {
        sipp("zcc-transfer-bye.xml", "udp");
        return awaitEndedConversation("+15550100");
    }

    private void say(Conversation c, Direction d, String text, String digits, int second) {
        ConversationStore store = context.getService(context.getServiceReference(ConversationStore.class));
        store.addTurn(new Turn(c.sessionId(), d, c.startedAt().plusSeconds(second), text, digits, 0.8, "intent", "en"));
    }

    private static void assertError(Http h, int status, String msgPart) {
        assertEquals(h.body(), status, h.status());
        JsonObject e = h.json().getAsJsonArray("errors").get(0).getAsJsonObject();
        assertEquals(
                "Kore's code for bad credentials, the status otherwise",
                status == 401 ? 4002 : status,
                e.get("code").getAsInt());
        assertTrue(h.body(), e.get("msg").getAsString().contains(msgPart));
    }

    @Test
    public void anAgentGetsTheTranscriptAndSummaryOfAHandedOffCall() throws Exception {
        awaitHealthy();
        BotRepository bots = bots();
        assertEquals("Acme support", bots.bot(BOT).orElseThrow().name());
        AppCredentials zcc = bots.createApp(BOT, "ZCC connector", Set.of(BotApp.CHAT_HISTORY), false);
        Conversation c = handOffACall();
        say(c, Direction.OUTGOING, "Welcome to Acme. How can I help?", null, 1);
        say(c, Direction.INCOMING, "I was charged twice for my order", null, 2);
        say(c, Direction.INCOMING, null, "12345", 3);

        Http h = post(DETAILS, token(zcc), "{\"sessionId\":\"" + c.sessionId() + "\",\"isSummaryRequired\":true}");
        assertEquals(h.body(), 200, h.status());
        JsonObject body = h.json();
        JsonObject info = body.getAsJsonObject("conversationInfo");
        assertEquals(c.sessionId(), info.get("sessionId").getAsString());
        assertEquals(c.callId(), info.get("callId").getAsString());
        assertTrue(info.get("userId").getAsString().startsWith("u-"));
        assertTrue(info.get("sessionStartTime")
                .getAsString()
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        assertFalse(info.get("agentHandOffTime").isJsonNull());
        assertEquals(
                "+14085551212",
                info.getAsJsonObject("userDetails").get("phoneNumber").getAsString());
        assertEquals(
                "Kore's string for no task", "null", info.get("currentTask").getAsString());
        JsonArray flow = body.getAsJsonArray("conversationFlow");
        assertEquals("intent", flow.get(0).getAsJsonObject().get("taskName").getAsString());
        assertEquals(
                "completedTask", flow.get(1).getAsJsonObject().get("status").getAsString());
        JsonArray history = body.getAsJsonArray("conversationHistory");
        assertEquals(3, history.size());
        JsonObject first = history.get(0).getAsJsonObject();
        assertEquals("outgoing", first.get("type").getAsString());
        assertEquals(
                c.startedAt().plusSeconds(1).toEpochMilli(),
                first.get("timestampValue").getAsLong());
        assertEquals(
                "Welcome to Acme. How can I help?",
                first.getAsJsonArray("components")
                        .get(0)
                        .getAsJsonObject()
                        .getAsJsonObject("data")
                        .get("text")
                        .getAsString());
        assertEquals(
                "text",
                first.getAsJsonArray("components")
                        .get(0)
                        .getAsJsonObject()
                        .get("cT")
                        .getAsString());
        assertEquals(
                "korevg",
                first.getAsJsonArray("channels")
                        .get(0)
                        .getAsJsonObject()
                        .get("type")
                        .getAsString());
        assertEquals("intent", first.get("tN").getAsString());
        assertEquals("pending", first.get("status").getAsString());
        assertEquals(0, first.get("isBB").getAsInt());
        assertFalse("Kore's flag for an encrypted payload", first.get("ire").getAsBoolean());
        assertEquals("received", history.get(1).getAsJsonObject().get("status").getAsString());
        assertEquals(first.get("createdOn"), first.get("lmodifiedOn"));
        assertEquals(info.get("userId"), first.get("createdBy"));
        assertTrue(first.get("_id").getAsString().startsWith("ms-"));
        assertTrue(first.getAsJsonArray("components")
                .get(0)
                .getAsJsonObject()
                .get("_id")
                .getAsString()
                .startsWith("cp-"));
        assertEquals(
                0,
                first.getAsJsonArray("components")
                        .get(0)
                        .getAsJsonObject()
                        .getAsJsonArray("thumbnails")
                        .size());
        assertTrue(flow.get(0)
                .getAsJsonObject()
                .get("messageStoreId")
                .getAsString()
                .startsWith("ms-"));
        assertEquals(
                "12345",
                history.get(2)
                        .getAsJsonObject()
                        .getAsJsonArray("components")
                        .get(0)
                        .getAsJsonObject()
                        .getAsJsonObject("data")
                        .get("text")
                        .getAsString());
        JsonObject summary = body.getAsJsonObject("summary");
        String text = summary.get("ConversationSummary").getAsString();
        assertTrue(text, text.contains("called +15550100 about billing"));
        assertTrue(text, text.contains("\"I was charged twice for my order\""));
        assertTrue(text, text.contains("handed the call to an agent"));
        assertEquals("builtin", summary.get("summarizer").getAsString());

        Http again = request(
                "POST",
                DETAILS,
                Map.of("Authorization", "Bearer " + token(zcc)),
                "{\"callId\":\"" + c.callId() + "\",\"isSummaryRequired\":\"true\",\"limit\":1,\"skip\":1}");
        assertEquals(again.body(), 200, again.status());
        assertEquals(
                "the stored summary while nothing changed",
                summary.get("time"),
                again.json().getAsJsonObject("summary").get("time"));
        assertEquals(1, again.json().getAsJsonArray("conversationHistory").size());
        assertEquals(
                "a message keeps its id from page to page",
                history.get(1).getAsJsonObject().get("_id"),
                again.json()
                        .getAsJsonArray("conversationHistory")
                        .get(0)
                        .getAsJsonObject()
                        .get("_id"));
        assertTrue(again.json().get("moreAvailable").getAsBoolean());

        say(c, Direction.INCOMING, "and I want a refund", null, 4);
        Thread.sleep(5);
        JsonObject changed = post(
                        DETAILS,
                        token(zcc),
                        "{\"conversationId\":\"" + c.sessionId() + "\",\"isSummaryRequired\":true}")
                .json()
                .getAsJsonObject("summary");
        assertNotEquals(summary.get("time"), changed.get("time"));
        assertTrue(changed.get("ConversationSummary").getAsString().contains("and later \"and I want a refund\""));

        assertError(
                post(SUMMARY, token(zcc), "{\"sessionId\":\"" + c.sessionId() + "\"}"),
                403,
                "'conversation-summary' scope");
        AppCredentials summaries = bots.createApp(BOT, "summaries", Set.of(BotApp.CONVERSATION_SUMMARY), true);
        String once = jwt("{\"appId\":\"" + summaries.clientId() + "\",\"jti\":\"t-1\"}", summaries.clientSecret());
        Http s = post(SUMMARY, once, "{\"sessionId\":\"" + c.sessionId() + "\"}");
        assertEquals(s.body(), 200, s.status());
        assertEquals(c.sessionId(), s.json().get("sessionId").getAsString());
        assertEquals(
                changed.get("ConversationSummary"),
                s.json().getAsJsonObject("summary").get("ConversationSummary"));
        assertError(post(SUMMARY, once, "{\"sessionId\":\"" + c.sessionId() + "\"}"), 401, "Invalid SDK credentials");

        Http kore = post(
                SUMMARY,
                jwt("{\"appId\":\"" + summaries.clientId() + "\",\"jti\":\"t-2\"}", summaries.clientSecret()),
                "{\"lang\":\"en\",\"inputMode\":{\"conversationId\":\"" + c.sessionId() + "\"}}");
        assertEquals(kore.body(), 200, kore.status());
        assertEquals(
                "Kore's answer: the summary at the top level",
                changed.get("ConversationSummary"),
                kore.json().get("ConversationSummary"));
        assertTrue(kore.body(), kore.json().has("time"));
        Http inline = post(
                SUMMARY,
                jwt("{\"appId\":\"" + summaries.clientId() + "\",\"jti\":\"t-3\"}", summaries.clientSecret()),
                "{\"lang\":\"en\",\"inputMode\":{\"transcript\":\"Agent: Thank you "
                        + "for calling. How can I help you? Consumer: I have an issue with my DVR box.\"}}");
        assertEquals(inline.body(), 200, inline.status());
        assertTrue(
                inline.body(),
                inline.json().get("ConversationSummary").getAsString().contains("DVR box"));
    }

    @Test
    public void everyRefusalIsJsonWithItsStatus() throws Exception {
        awaitHealthy();
        BotRepository bots = bots();
        AppCredentials app = bots.createApp(BOT, "errors", Set.of(BotApp.CHAT_HISTORY), false);
        AppCredentials rotated = bots.createApp(BOT, "rotated", Set.of(BotApp.CHAT_HISTORY), false);
        String old = token(rotated);
        bots.rotateSecret(rotated.clientId());
        String good = token(app);
        String body = "{\"sessionId\":\"0123456789abcdef01234567\"}";

        assertError(post(DETAILS, null, body), 401, "auth");
        assertError(post(DETAILS, "not.a.jwt", body), 401, "Invalid SDK credentials");
        assertError(post(DETAILS, good.substring(0, good.length() - 2) + "AA", body), 401, "Invalid SDK credentials");
        assertError(post(DETAILS, old, body), 401, "Invalid SDK credentials");
        long past = Instant.now().getEpochSecond() - 3600;
        assertError(
                post(DETAILS, jwt("{\"appId\":\"" + app.clientId() + "\",\"exp\":" + past + "}", "x"), body),
                401,
                "Invalid SDK credentials");
        assertError(
                post("/api/public/bot/st-00000000-0000-4000-8000-000000000001/conversationDetails", good, body),
                403,
                "not authorized for bot");
        assertError(post(DETAILS, good, body), 404, "No conversation");
        assertError(post(DETAILS, good, "{\"sessionId\":42}"), 400, "sessionId must be a string");
        assertError(post(DETAILS, good, "{\"limit\":5}"), 400, "One of sessionId, callId or conversationId");
        assertError(post(DETAILS, good, "{\"sessionId\":"), 400, "not valid JSON");
        assertError(post(DETAILS, good, "{\"callId\":\"c\",\"limit\":0}"), 400, "limit must be an integer");
        assertError(post(DETAILS, good, "{\"callId\":\"c\",\"limit\":100000}"), 404, "No conversation with that id");
        assertError(
                request("POST", DETAILS, Map.of("auth", good, "Content-Type", "text/plain"), body),
                415,
                "application/json");
        assertError(post(DETAILS, good, "{\"callId\":\"" + "x".repeat(70_000) + "\"}"), 413, "larger than");
        Http get = request("GET", DETAILS, Map.of("auth", good), null);
        assertError(get, 405, "Use POST");
        assertError(post("/api/public/bot/" + BOT + "/somethingElse", good, body), 404, "No such API");
        assertFalse("no secret in an answer", post(DETAILS, good, body).body().contains(app.clientSecret()));
        assertEquals(
                List.of(),
                bots.apps(BOT).stream()
                        .map(BotApp::name)
                        .filter(String::isEmpty)
                        .toList());
    }
}
