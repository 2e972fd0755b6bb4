package org.switchboard.itests.gateway;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.switchboard.testing.Gateway;

/**
 * SIP digest authentication of a trunk's calls against {@code ./switchboard}, with sipp's {@code [authentication]}
 * as the peer: the password lives in a file, a wrong one is challenged again, and neither it nor the digest reaches a
 * log, a listing or the recorded SIP ladder.
 */
public class DigestAuthIT {

    private static final String PASSWORD = "Tr0mbone-Pelican-" + System.nanoTime();
    private static Gateway gateway;
    private static Path passwordFile;

    @BeforeClass
    public static void start() throws Exception {
        gateway = Gateway.start("DigestAuthIT");
        passwordFile = gateway.work.resolve("zcc.password");
        Files.writeString(passwordFile, PASSWORD + "\n");
    }

    @AfterClass
    public static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    public void aTrunkWithAuthTakesOnlyCallsThatPassTheChallenge() throws Exception {
        var missing = putAuth(gateway.work.resolve("no-such.password").toString(), null);
        assertEquals(missing.body(), 400, missing.statusCode());
        assertTrue(missing.body(), missing.body().contains("trunks[0].auth.passwordFile: cannot read the password"));
        var inline = gateway.admin(
                "PUT",
                "/api/admin/trunks/zcc-demo",
                trunk().replaceFirst(
                                "\\{", "{\"auth\": {\"username\": \"zcc\", \"password\": \"" + PASSWORD + "\"}, "));
        assertEquals(inline.body(), 400, inline.statusCode());
        assertTrue(inline.body(), inline.body().contains("a password is never written in a workspace"));
        assertFalse("the password given is not echoed", inline.body().contains(PASSWORD));

        long accepted = authCount("accepted");
        long unanswered = authCount("no_credentials");
        long wrong = authCount("wrong_response");
        long stranger = authCount("username");
        var put = putAuth(passwordFile.toString(), "[\"MD5\"]");
        assertEquals(put.body(), 200, put.statusCode());
        String listed = gateway.admin("GET", "/api/admin/trunks/zcc-demo", null).body();
        assertTrue(listed, listed.contains("\"username\":\"zcc\"") || listed.contains("\"username\": \"zcc\""));
        assertFalse("the password is never listed", listed.contains(PASSWORD));
        assertFalse(gateway.admin("GET", "/api/admin/workspace", null).body().contains(PASSWORD));

        gateway.callAndWait("digest-call.xml", "-s", "+15550102", "-au", "zcc", "-ap", PASSWORD);
        String c = gateway.awaitConversation("+15550102", d -> Gateway.has(d, "endedAt"), 20);
        assertTrue("the caller hung up: " + c, c.matches("(?s).*\"endedBy\":\\s*\"caller\".*"));
        assertTrue("the ladder keeps the credentials' names: " + c, c.contains("username=\\\"zcc\\\""));
        assertTrue("but not the digest: " + c, c.contains("response=\\\"(redacted)\\\""));

        gateway.callAndWait("digest-call.xml", "-t", "t1", "-s", "+15550102", "-au", "zcc", "-ap", PASSWORD);
        gateway.callAndWait("digest-refused.xml", "-s", "+15550102", "-au", "zcc", "-ap", PASSWORD + "x");
        gateway.callAndWait("digest-refused.xml", "-s", "+15550102", "-au", "zoom", "-ap", PASSWORD);

        assertEquals(2, authCount("accepted") - accepted);
        assertEquals(1, authCount("wrong_response") - wrong);
        assertEquals(1, authCount("username") - stranger);
        assertEquals("each call's first INVITE", 4, authCount("no_credentials") - unanswered);
        // the last taken call's end (after its BYE's 200 OK) may still be under way
        gateway.awaitNoCallInProgress(10);
        assertTrue(gateway.log(), gateway.log().contains("Challenged INVITE"));
        assertTrue(gateway.log(), gateway.log().contains("the response does not match (wrong password?)"));

        // rotating the password is rewriting its file
        Files.writeString(passwordFile, PASSWORD + "-2");
        gateway.callAndWait("digest-refused.xml", "-s", "+15550102", "-au", "zcc", "-ap", PASSWORD);
        gateway.callAndWait("digest-call.xml", "-s", "+15550102", "-au", "zcc", "-ap", PASSWORD + "-2");
        List<String> found = gateway.secretsInLogs(List.of(PASSWORD));
        assertTrue("the password in the logs: " + found, found.isEmpty());
    }

    @Test
    public void baresipAnswersTheDefaultChallenge() throws Exception {
        var put = putAuth(passwordFile.toString(), null);
        assertEquals(put.body(), 200, put.statusCode());
        String password = Files.readString(passwordFile).strip();
        String uri = "sip:+15550101@127.0.0.1:" + gateway.sip;
        try (Baresip caller =
                Baresip.dial(gateway.work, "digest", "sip:zcc@127.0.0.1", ";auth_pass=" + password, null, uri)) {
            caller.awaitEstablished(30);
        }
        String c = gateway.awaitConversation("+15550101", d -> Gateway.has(d, "endedAt"), 30);
        assertTrue(
                "baresip answered with qop=auth for the Request-URI (MD5, the default, named or not): " + c,
                c.contains("uri=\\\"" + uri + "\\\"")
                        && c.contains("qop=auth,nc=00000001")
                        && !c.contains("algorithm=SHA-256"));
        assertTrue(c, c.contains("response=\\\"(redacted)\\\""));
    }

    /** zcc-demo as listed, without its auth and what the listing adds. */
    private static String trunk() throws Exception {
        var listed = gateway.admin("GET", "/api/admin/trunks/zcc-demo", null);
        assertEquals(listed.body(), 200, listed.statusCode());
        return listed.body()
                .replaceAll(",?\\s*\"sipUris\"\\s*:\\s*\\[[^\\]]*\\]", "")
                .replaceAll(",\\s*\"auth\"\\s*:\\s*\\{[^}]*\\}", "");
    }

    private static java.net.http.HttpResponse<String> putAuth(String file, String algorithms) throws Exception {
        String auth = "\"auth\": {\"username\": \"zcc\", \"passwordFile\": \"" + file + "\""
                + (algorithms == null ? "" : ", \"algorithms\": " + algorithms) + "}, ";
        return gateway.admin("PUT", "/api/admin/trunks/zcc-demo", trunk().replaceFirst("\\{", "{" + auth));
    }

    private static long authCount(String outcome) throws Exception {
        return (long) gateway.metrics().value("switchboard_sip_auth_total{outcome=\"" + outcome + "\"}");
    }
}
