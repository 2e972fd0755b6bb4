package org.switchboard.itests.gateway;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Test;
import org.switchboard.testing.Gateway;
import org.switchboard.testing.Jwt;
import org.switchboard.testing.Sipp;

/**
 * {@code ./switchboard} stopped and killed with a call up: a stop ends the call with the adapter's hang-up BYE and
 * records it before the store closes; after a crash, the next start closes the session the crash left open.
 */
public class RestartIT {

    private static final String HELD = "+15550102";
    private static final String BOT = "st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0";

    private Gateway gateway;

    @After
    public void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    public void aStopEndsCallsWithTheHangUpByeAndRecordsThemBeforeTheStoreCloses() throws Exception {
        gateway = Gateway.start("RestartIT-stop");
        Sipp.Run sipp = gateway.call("examples/sipp/zcc-operator-hangup.xml");
        awaitHeld();
        String token = spentToken();

        gateway.terminate();
        assertEquals("the held call got a BYE with kore-reason: HangUp and answered it", 0, sipp.await());
        String console = java.nio.file.Files.readString(gateway.work.resolve("console.txt"));
        assertTrue(console, console.contains("Stopping: ending 1 call(s) with the adapter's hang-up BYE"));

        gateway = gateway.restart();
        String c = gateway.awaitConversation(HELD, d -> Gateway.has(d, "endedAt"), 10);
        assertTrue(c, c.matches("(?s).*\"endedBy\":\\s*\"system\".*"));
        assertTrue(c, c.matches("(?s).*\"endReason\":\\s*\"Switchboard stopping\".*"));
        assertTrue("the BYE and its answer are in the ladder: " + c, c.contains("kore-reason") && c.contains("200 OK"));
        assertFalse(c, c.contains("node restarted"));
        assertEquals(
                "a jti spent before the restart stays spent",
                401,
                details(token).statusCode());
    }

    /** A token of a new app that enforces jti, spent once (200) and refused when replayed (401). */
    private String spentToken() throws Exception {
        HttpResponse<String> app = gateway.admin(
                "POST",
                "/api/admin/bots/" + BOT + "/apps",
                "{\"name\": \"once\", \"scopes\": [\"chat-history\"], \"enforceJti\": true}");
        assertEquals(app.body(), 201, app.statusCode());
        String claims = "{\"appId\": \"" + Gateway.field(app.body(), "clientId") + "\", \"jti\": \"once-1\", "
                + "\"exp\": " + (System.currentTimeMillis() / 1000 + 3600) + "}";
        String token = Jwt.hs256(claims, Gateway.field(app.body(), "clientSecret"));
        HttpResponse<String> first = details(token);
        assertEquals(first.body(), 200, first.statusCode());
        assertEquals("a replay", 401, details(token).statusCode());
        return token;
    }

    private HttpResponse<String> details(String token) throws Exception {
        String session = Gateway.field(
                gateway.admin("GET", "/api/admin/conversations?did=%2B15550102&limit=1", null)
                        .body(),
                "sessionId");
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(gateway.url("/api/public/bot/" + BOT + "/conversationDetails")))
                                .header("auth", token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"sessionId\": \"" + session + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    public void aCrashLeavesNoSessionOpenOnceTheNodeIsBack() throws Exception {
        gateway = Gateway.start("RestartIT-crash");
        Sipp.Run sipp = gateway.call("examples/sipp/zcc-operator-hangup.xml");
        awaitHeld();

        gateway.kill();
        sipp.kill();
        Set<String> leftByTheKill = temporaryFiles();
        assertTrue("the launcher unpacks itself under the data directory", !leftByTheKill.isEmpty());
        gateway = gateway.restart();
        Set<String> now = temporaryFiles();
        now.retainAll(leftByTheKill);
        assertEquals("the killed process's temporary files are gone", Set.of(), now);

        String c = gateway.awaitConversation(HELD, d -> Gateway.has(d, "endedAt"), 10);
        assertTrue(c, c.matches("(?s).*\"endedBy\":\\s*\"system\".*"));
        assertTrue(c, c.matches("(?s).*\"endReason\":\\s*\"node restarted\".*"));
        assertTrue(gateway.log().contains("left open when it stopped without ending them"));
    }

    private Set<String> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(gateway.data().resolve("tmp"))) {
            return files.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(HashSet::new));
        }
    }

    private void awaitHeld() throws Exception {
        gateway.awaitConversation(HELD, d -> Gateway.has(d, "answeredAt") && d.contains("ACK sip:"), 20);
    }
}
