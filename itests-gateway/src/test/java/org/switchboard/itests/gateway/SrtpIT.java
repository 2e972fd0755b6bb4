package org.switchboard.itests.gateway;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.switchboard.testing.Gateway;
import org.switchboard.testing.TestKeys;

/**
 * TLS and SRTP with a real peer: Debian's baresip calls {@code ./switchboard} over TLS with SDES-SRTP, hears the
 * bot's prompt (decrypting what the gateway encrypts) and presses a key (which the gateway must decrypt to route
 * the call); a trunk that requires SRTP refuses baresip's plain call and takes its SRTP one.
 */
public class SrtpIT {

    private static final String PASSWORD = "srtp-it-keystore";
    private static Gateway gateway;
    private static int tlsPort;
    private static Path ca;

    @BeforeClass
    public static void start() throws Exception {
        Path keystore = TestKeys.keystore(PASSWORD);
        ca = TestKeys.certificatePem(keystore, PASSWORD);
        Gateway.Builder b = Gateway.builder("SrtpIT").tls(keystore, PASSWORD);
        tlsPort = b.tlsPort();
        gateway = b.start();
    }

    @AfterClass
    public static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    public void aCallOverTlsWithSrtpCarriesThePromptOneWayAndTheCallersKeyTheOther() throws Exception {
        String uri = "sip:+15550104@127.0.0.1:" + tlsPort + ";transport=tls";
        try (Baresip caller = Baresip.dial(
                gateway.work, "tls", "sip:caller@127.0.0.1;transport=tls", ";mediaenc=srtp-mand", ca, uri)) {
            try {
                caller.awaitEstablished(30);
            } catch (AssertionError e) {
                String warnings = gateway.log()
                        .lines()
                        .filter(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.contains("Rejected"))
                        .reduce("", (a, b) -> a + " | " + b);
                throw new AssertionError(e.getMessage().lines().findFirst().orElse("") + "; gateway: " + warnings, e);
            }
            assertTrue(caller.output(), caller.output().contains("SRTP is Enabled"));
            Thread.sleep(4000); // the menu's prompt plays
            caller.press('2'); // "order status"
            String conversation = awaitConversation("+15550104", "handoffAt", 30);
            assertTrue(
                    "the digit came through SRTP and routed the call: " + conversation,
                    conversation.replaceAll("\\s", "").contains("\"taskPath\":[\"menu\",\"route\",\"agent\"]"));
            assertTrue(conversation, conversation.contains("SIP/2.0/TLS"));
            double[] heard = caller.heardPerSecond();
            long loud = Arrays.stream(heard).limit(4).filter(rms -> rms > 300).count();
            assertTrue("baresip decrypted the prompt: " + Arrays.toString(heard), loud >= 3);
        }
        String metrics = gateway.get("/metrics");
        assertTrue(metrics, metrics.contains("switchboard_srtp_refused_packets_total{reason=\"authentication\"} 0"));
        assertTrue(metrics, metrics.contains("switchboard_srtp_refused_packets_total{reason=\"replay\"} 0"));
        String log = gateway.log();
        assertFalse("no SDES key is logged", log.contains("inline:"));
        assertFalse(log.contains(PASSWORD));
    }

    @Test
    public void aTrunkThatRequiresSrtpRefusesAPlainCallAndTakesABestEffortSrtpOne() throws Exception {
        var trunk = gateway.admin("GET", "/api/admin/trunks/zcc-demo", null);
        assertEquals(trunk.body(), 200, trunk.statusCode());
        String required = trunk.body()
                .replaceFirst("\\{", "{\"srtp\": \"required\", ")
                .replaceAll(",?\\s*\"sipUris\"\\s*:\\s*\\[[^\\]]*\\]", "");
        var put = gateway.admin("PUT", "/api/admin/trunks/zcc-demo", required);
        assertEquals(put.body(), 200, put.statusCode());
        try {
            String uri = "sip:+15550101@127.0.0.1:" + gateway.sip;
            try (Baresip plain = Baresip.dial(gateway.work, "plain", "sip:plain@127.0.0.1", "", null, uri)) {
                assertTrue(plain.output(), plain.await("488", 20));
            }
            assertTrue(gateway.log(), gateway.log().contains("488 SRTP is required: the offer has plain RTP only"));

            try (Baresip secure = Baresip.dial(
                    gateway.work, "best-effort", "sip:besteffort@127.0.0.1", ";mediaenc=srtp", null, uri)) {
                secure.awaitEstablished(30);
                assertTrue(secure.output(), secure.output().contains("SRTP is Enabled"));
                assertTrue("the bot hangs up: " + secure.output(), secure.await("session closed", 20));
            }
            String conversation = awaitConversation("+15550101", "endedAt", 20);
            assertTrue(conversation, conversation.matches("(?s).*\"endedBy\":\\s*\"bot\".*"));
        } finally {
            gateway.admin(
                    "PUT",
                    "/api/admin/trunks/zcc-demo",
                    trunk.body().replaceAll(",?\\s*\"sipUris\"\\s*:\\s*\\[[^\\]]*\\]", ""));
        }
    }

    @Test
    public void aCallersTlsConnectionDroppingMidCallEndsTheSessionWithTheReasonRecorded() throws Exception {
        String uri = "sip:+15550104@127.0.0.1:" + tlsPort + ";transport=tls";
        try (Baresip caller = Baresip.dial(
                gateway.work, "tls-drop", "sip:caller@127.0.0.1;transport=tls", ";mediaenc=srtp-mand", ca, uri)) {
            caller.awaitEstablished(30);
            caller.kill();
        }
        // the menu times out twice and hands the call to an agent with a BYE that has nowhere to go
        // (a reconnect the stack refuses at once is "not sent"; one that hangs until the transaction times out is
        // "not answered")
        String c = gateway.awaitConversation("+15550104", d -> Gateway.has(d, "endedAt"), 120);
        assertTrue(c, c.contains("BYE not sent") || c.contains("BYE not answered"));
        assertTrue("the call's SIP ladder is kept: " + c, c.contains("SIP/2.0/TLS"));
        assertEquals("no call in progress", 0, gateway.metrics().count("switchboard_calls_active"));
    }

    private static String awaitConversation(String did, String field, int seconds) throws Exception {
        return gateway.awaitConversation(did, d -> Gateway.has(d, field), seconds);
    }
}
