package org.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The admin API over the container's Jetty with the generated administrator password: bots and apps (the secret shown
 * once, then working with the Conversation API), trunks, flows and attachments validated with the whole workspace and
 * taking effect on the next INVITE, workspace export and all-or-nothing import, conversations with filters, the
 * OpenAPI document, and the refusals.
 */
public class AdminApiIT extends SwitchboardTestSupport {

    private static Http admin(String method, String path, String body) throws Exception {
        return as("admin", adminPassword(), method, path, body);
    }

    private static Http as(String user, String password, String method, String path, String body) throws Exception {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(
                "Authorization",
                "Basic "
                        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        if (body != null) {
            h.put("Content-Type", "application/json");
        }
        return request(method, "/api/admin" + path, h, body);
    }

    private static JsonElement ok(Http h, int status) {
        assertEquals(h.body(), status, h.status());
        return h.body().isEmpty() ? null : JsonParser.parseString(h.body());
    }

    /**
     * The latest conversation's details once they hold {@code needle}, or after 5 s as they are: the recorder writes a
     * call's last records a few milliseconds after sipp has seen its end.
     */
    private static String awaitLatestConversation(String needle) throws Exception {
        String details = "";
        for (int i = 0; i < 50 && !details.contains(needle); i++) {
            JsonArray items = ok(admin("GET", "/conversations?limit=1", null), 200)
                    .getAsJsonObject()
                    .getAsJsonArray("items");
            if (items.size() == 1) {
                String id = items.get(0).getAsJsonObject().get("sessionId").getAsString();
                details = admin("GET", "/conversations/" + id, null).body();
            }
            if (!details.contains(needle)) {
                Thread.sleep(100);
            }
        }
        return details;
    }

    private static String errors(Http h, int status) {
        assertEquals(h.body(), status, h.status());
        JsonArray errors = h.json().getAsJsonArray("errors");
        assertEquals(status, errors.get(0).getAsJsonObject().get("code").getAsInt());
        return errors.toString();
    }

    @Test
    public void botsAppsAndConversations() throws Exception {
        awaitHealthy();
        JsonObject bot = ok(admin("POST", "/bots", "{\"name\":\"Billing bot\",\"summary\":{\"enabled\":true}}"), 201)
                .getAsJsonObject();
        String botId = bot.get("id").getAsString();
        assertTrue(botId.matches("st-[0-9a-f-]{36}"));
        JsonObject app = ok(
                        admin(
                                "POST",
                                "/bots/" + botId + "/apps",
                                "{\"name\":\"ZCC\",\"scopes\":[\"chat-history\",\"conversation-summary\"]}"),
                        201)
                .getAsJsonObject();
        String secret = app.get("clientSecret").getAsString();
        String clientId = app.get("clientId").getAsString();
        assertTrue(secret.length() >= 43);
        String listed = admin("GET", "/bots/" + botId, null).body();
        assertTrue(listed, listed.contains(clientId));
        assertFalse("a secret is never listed", listed.contains(secret));
        assertFalse(admin("GET", "/apps/" + clientId, null).body().contains(secret));
        assertFalse(admin("GET", "/bots/" + botId + "/apps", null).body().contains(secret));

        JsonObject changed = ok(
                        admin(
                                "PUT",
                                "/apps/" + clientId,
                                "{\"name\":\"ZCC\",\"scopes\":[\"chat-history\"]," + "\"enforceJti\":true}"),
                        200)
                .getAsJsonObject();
        assertEquals("[\"chat-history\"]", changed.get("scopes").toString());
        String rotated = ok(admin("POST", "/apps/" + clientId + "/secret", null), 200)
                .getAsJsonObject()
                .get("clientSecret")
                .getAsString();
        assertFalse(rotated.equals(secret));
        assertTrue(errors(admin("POST", "/bots/" + botId + "/apps", "{\"name\":\"x\",\"scopes\":[\"admin\"]}"), 400)
                .contains("unknown scope"));
        assertTrue(errors(admin("POST", "/bots", "{\"summary\":{}}"), 400).contains("'name' is required"));
        assertTrue(errors(admin("GET", "/bots/st-00000000-0000-4000-8000-000000000009", null), 404)
                .contains("not found"));
        ok(admin("DELETE", "/apps/" + clientId, null), 204);

        String koreId = "cs-5a0e6a1c-52b3-4d7e-9a10-6c2f3b4d5e6f";
        String koreSecret = "Y2xpZW50LXNlY3JldC1mcm9tLWtvcmU+/=";
        String imported = admin(
                        "POST",
                        "/bots/" + botId + "/apps",
                        "{\"name\":\"From Kore\",\"scopes\":" + "[\"chat-history\"],\"clientId\":\"" + koreId
                                + "\",\"clientSecret\":\"" + koreSecret + "\"}")
                .body();
        assertEquals(
                koreId,
                ok(admin("GET", "/apps/" + koreId, null), 200)
                        .getAsJsonObject()
                        .get("clientId")
                        .getAsString());
        assertFalse("an imported secret is not echoed: " + imported, imported.contains(koreSecret));
        assertTrue(errors(
                        admin(
                                "POST",
                                "/bots/" + botId + "/apps",
                                "{\"name\":\"again\",\"scopes\":[]," + "\"clientId\":\"" + koreId
                                        + "\",\"clientSecret\":\"" + koreSecret + "\"}"),
                        409)
                .contains("exists"));
        assertTrue(errors(
                        admin(
                                "POST",
                                "/bots/" + botId + "/apps",
                                "{\"name\":\"half\",\"scopes\":[]," + "\"clientId\":\"" + koreId + "\"}"),
                        400)
                .contains("both"));
        ok(admin("DELETE", "/apps/" + koreId, null), 204);
        ok(admin("DELETE", "/bots/" + botId, null), 204);
        errors(admin("DELETE", "/bots/" + botId, null), 404);

        sipp("zcc-transfer-bye.xml", "udp");
        JsonObject page = null;
        for (int i = 0; i < 50; i++) {
            page = ok(admin("GET", "/conversations?did=%2B15550100&endedBy=transfer&limit=1", null), 200)
                    .getAsJsonObject();
            if (page.getAsJsonArray("items").size() == 1) {
                break;
            }
            Thread.sleep(100);
        }
        JsonObject c = page.getAsJsonArray("items").get(0).getAsJsonObject();
        assertEquals("transfer", c.get("endedBy").getAsString());
        JsonObject detail = ok(
                        admin("GET", "/conversations/" + c.get("sessionId").getAsString(), null), 200)
                .getAsJsonObject();
        assertEquals(
                "INVITE sip:+15550100@127.0.0.1:" + sipPort() + " SIP/2.0",
                detail.getAsJsonArray("sipMessages")
                        .get(0)
                        .getAsJsonObject()
                        .get("firstLine")
                        .getAsString());
        assertTrue(detail.getAsJsonArray("events").toString().contains("\"header.X-Intent\":\"Billing\""));
        assertEquals(
                0,
                ok(admin("GET", "/conversations?endedBy=error&from=2000-01-01T00:00:00Z", null), 200)
                        .getAsJsonObject()
                        .getAsJsonArray("items")
                        .size());
        assertTrue(
                errors(admin("GET", "/conversations?endedBy=nobody", null), 400).contains("endedBy"));
        assertTrue(
                errors(admin("GET", "/conversations?from=yesterday", null), 400).contains("ISO-8601"));
    }

    @Test
    public void theWorkspaceChangesByPartAndWholeAndRejectsWhatIsInvalid() throws Exception {
        awaitHealthy();
        JsonObject exported = ok(admin("GET", "/workspace", null), 200).getAsJsonObject();
        assertEquals(
                "Acme support",
                exported.getAsJsonArray("bots")
                        .get(0)
                        .getAsJsonObject()
                        .get("name")
                        .getAsString());

        JsonArray trunks = ok(admin("GET", "/trunks", null), 200).getAsJsonArray();
        JsonObject demo = trunks.get(0).getAsJsonObject();
        assertEquals(
                "sip:+15550100@127.0.0.1:" + sipPort(),
                demo.getAsJsonArray("sipUris").get(0).getAsString());

        String flow = "{\"name\":\"Goodbye\",\"botId\":\"st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0\",\"start\":\"bye\","
                + "\"nodes\":[{\"id\":\"bye\",\"type\":\"hangup\"}]}";
        JsonObject check = ok(
                        admin(
                                "POST",
                                "/flows/validate",
                                flow.replace("{\"name\"", "{\"id\":\"bye-now\",\"name\"")
                                        .replace("\"start\":\"bye\"", "\"start\":\"nowhere\"")),
                        200)
                .getAsJsonObject();
        assertFalse(check.get("valid").getAsBoolean());
        assertTrue(check.toString(), check.get("problems").toString().contains("nowhere"));
        ok(admin("PUT", "/flows/bye-now", flow), 201);
        ok(admin("PUT", "/attachments", "{\"trunk\":\"zcc-demo\",\"did\":\"+15550100\",\"flow\":\"bye-now\"}"), 200);
        sipp("zcc-bot-hangup.xml", "udp");
        assertTrue(errors(admin("DELETE", "/flows/bye-now", null), 409).contains("+15550100"));
        ok(admin("PUT", "/attachments", "{\"trunk\":\"zcc-demo\",\"did\":\"+15550100\",\"flow\":\"demo-agent\"}"), 200);
        ok(admin("DELETE", "/flows/bye-now", null), 204);
        sipp("zcc-transfer-bye.xml", "udp");

        ok(admin("PUT", "/header-sets/billing", "{\"X-Intent\":\"Billing\",\"X-Queue\":\"{{session.did}}\"}"), 201);
        assertTrue(errors(admin("PUT", "/header-sets/broken", "{\"Bad Header\":\"x\"}"), 400)
                .contains("not a valid SIP header name"));
        ok(
                admin(
                        "PUT",
                        "/flows/queue",
                        "{\"name\":\"Queue\",\"botId\":\"st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0\","
                                + "\"start\":\"agent\",\"nodes\":[{\"id\":\"agent\",\"type\":\"agentTransfer\","
                                + "\"settings\":{\"headerSet\":\"billing\"}}]}"),
                201);
        ok(admin("PUT", "/attachments", "{\"trunk\":\"zcc-demo\",\"did\":\"+15550100\",\"flow\":\"queue\"}"), 200);
        sipp("zcc-transfer-bye.xml", "udp");
        assertTrue(errors(admin("DELETE", "/header-sets/billing", null), 409).contains("no header set 'billing'"));
        String events = awaitLatestConversation("\"header.X-Queue\": \"+15550100\"");
        assertTrue(events, events.contains("\"header.X-Queue\": \"+15550100\""));
        ok(admin("PUT", "/attachments", "{\"trunk\":\"zcc-demo\",\"did\":\"+15550100\",\"flow\":\"demo-agent\"}"), 200);
        ok(admin("DELETE", "/flows/queue", null), 204);
        ok(admin("DELETE", "/header-sets/billing", null), 204);

        String badTrunk = errors(
                admin(
                        "PUT",
                        "/trunks/zcc-demo",
                        "{\"adapter\":\"ZCC\",\"peers\":[\"300.1.1.1\"]," + "\"dids\":[\"+15550100\"]}"),
                400);
        assertTrue(badTrunk, badTrunk.contains("trunks[0].adapter") && badTrunk.contains("300.1.1.1"));
        ok(admin("DELETE", "/attachments/zcc-demo/+15550109", null), 404);
        sipp("invite-480.xml", "udp", "-s", "+15550109");

        String broken = exported.toString().replace("\"type\":\"hangup\"", "\"type\":\"hangUp\"");
        String all = errors(admin("PUT", "/workspace", broken), 400);
        assertTrue(all, all.contains("unknown node type 'hangUp'"));
        sipp("zcc-transfer-bye.xml", "udp");
        JsonObject counts =
                ok(admin("PUT", "/workspace", exported.toString()), 200).getAsJsonObject();
        assertEquals(6, counts.get("flows").getAsInt());
        assertEquals(exported, ok(admin("GET", "/workspace", null), 200));
    }

    @Test
    public void refusalsAndTheOpenApiDocument() throws Exception {
        awaitHealthy();
        JsonObject api = JsonParser.parseString(request("GET", "/api/admin/openapi.json", Map.of(), null)
                        .body())
                .getAsJsonObject();
        assertEquals("3.0.3", api.get("openapi").getAsString());
        assertTrue(api.getAsJsonObject("paths").has("/bots/{botId}/apps"));

        Http none = request("GET", "/api/admin/bots", Map.of(), null);
        errors(none, 401);
        assertTrue(none.body().contains("HTTP Basic"));
        errors(as("admin", "admin", "GET", "/bots", null), 401);
        errors(as("admin", adminPassword() + "x", "GET", "/bots", null), 401);
        errors(admin("GET", "/nothing-here", null), 404);
        Http wrongMethod = admin("OPTIONS", "/bots", null);
        assertTrue(errors(wrongMethod, 405), wrongMethod.body().contains("Use GET or POST"));
        errors(admin("POST", "/bots", "{\"name\":"), 400);
        errors(
                request(
                        "POST",
                        "/api/admin/bots",
                        Map.of(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        ("admin:" + adminPassword()).getBytes(StandardCharsets.UTF_8)),
                                "Content-Type",
                                "text/xml"),
                        "<bot/>"),
                415);
        // failed logins are counted per client address: 127.0.0.2 (loopback too) is shut out, 127.0.0.1 is not
        for (int i = 0; i < 10; i++) {
            assertTrue(from("127.0.0.2", "mallory", "guess" + i).startsWith("HTTP/1.1 401"));
        }
        String blocked = from("127.0.0.2", "admin", adminPassword());
        assertTrue(blocked, blocked.startsWith("HTTP/1.1 429"));
        assertTrue(blocked, blocked.contains("Retry-After: 60"));
        ok(admin("GET", "/bots", null), 200);
        String log = Files.readString(dataDir().resolve("log/switchboard.log"));
        assertTrue(log.contains("Administrator login failed for user 'mallory' from 127.0.0.2"));
        assertFalse("no password in the log", log.contains(adminPassword()));
    }

    /** A GET /api/admin/bots from another local address; the status line and headers. */
    private static String from(String localAddress, String user, String password) throws Exception {
        try (java.net.Socket s =
                new java.net.Socket("127.0.0.1", httpPort(), java.net.InetAddress.getByName(localAddress), 0)) {
            String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            s.getOutputStream()
                    .write(("GET /api/admin/bots HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + auth
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
