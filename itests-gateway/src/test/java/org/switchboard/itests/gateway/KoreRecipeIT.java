package org.switchboard.itests.gateway;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.switchboard.testing.Gateway;

/**
 * The README's Kore recipe, {@code examples/kore/details.sh}, run as a user runs it against {@code ./switchboard}
 * after a call: it creates an app, signs a token and gets the conversation's details and summary.
 */
public class KoreRecipeIT {

    @Test
    public void theRecipeGetsTheDetailsAndTheSummaryOfTheLastCall() throws Exception {
        try (Gateway g = Gateway.start("KoreRecipeIT")) {
            g.callAndWait("examples/sipp/zcc-transfer-bye.xml");
            String session =
                    Gateway.field(g.awaitConversation("+15550100", d -> Gateway.has(d, "endedAt"), 10), "sessionId");
            ProcessBuilder pb = new ProcessBuilder(
                            g.home.resolve("examples/kore/details.sh").toString())
                    .directory(g.work.toFile())
                    .redirectErrorStream(true);
            pb.environment().put("SWITCHBOARD_URL", g.url(""));
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(out, 0, p.exitValue());
            assertTrue(out, out.contains("session: " + session));
            assertTrue(out, out.contains("\"conversationInfo\""));
            assertTrue(out, out.contains("\"ConversationSummary\""));
            assertTrue(
                    out,
                    out.contains("\"sessionId\": \"" + session + "\"")
                            || out.contains("\"sessionId\":\"" + session + "\""));
            assertTrue("the transcript's summary: " + out, out.contains("4712"));
            assertFalse("the script prints no secret: " + out, out.contains("clientSecret"));
        }
    }
}
