package org.switchboard.itests.gateway;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.switchboard.testing.Gateway;

/**
 * The softphone recipe, {@code examples/softphone/talk-to-demo.sh}, run as a new user runs it against
 * {@code ./switchboard}: baresip calls the demo assistant, its microphone a WAV file with flite's voice asking for
 * the order status, giving the order number and asking for an agent; what it heard is recorded.
 */
public class SoftphoneRecipeIT {

    @Test
    public void aSoftphoneTalksToTheDemoAssistantAndRecordsWhatTheCallerHeard() throws Exception {
        try (Gateway g = Gateway.start("SoftphoneRecipeIT")) {
            Path heard = g.work.resolve("heard.wav");
            Process p = new ProcessBuilder(
                            g.home.resolve("examples/softphone/talk-to-demo.sh").toString(),
                            "-t",
                            "127.0.0.1:" + g.sip,
                            "-o",
                            heard.toString(),
                            "-s",
                            "90")
                    .directory(g.work.toFile())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(out, p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(out, 0, p.exitValue());
            assertTrue(out, out.contains("answered") && out.contains("What the caller heard: " + heard));

            String call = g.awaitConversation("+15550105", d -> Gateway.has(d, "endedAt"), 30);
            assertTrue("handed to an agent on request: " + call, call.contains("TransferToAgent"));
            assertTrue("the caller was understood: " + call, call.contains("four seven one two"));
            assertTrue("and heard the status: " + call, call.contains("shipped yesterday"));

            byte[] wav = Files.readAllBytes(heard);
            ByteBuffer b = ByteBuffer.wrap(wav, 44, wav.length - 44).order(ByteOrder.LITTLE_ENDIAN);
            int loudSeconds = 0;
            int seconds = b.remaining() / 16000;
            for (int s = 0; s < seconds; s++) {
                double sum = 0;
                for (int i = 0; i < 8000; i++) {
                    double v = b.getShort();
                    sum += v * v;
                }
                loudSeconds += Math.sqrt(sum / 8000) > 300 ? 1 : 0;
            }
            assertTrue(
                    "the recording holds the bot's prompts: " + loudSeconds + " of " + seconds + " s loud",
                    loudSeconds >= 8 && seconds >= 20);
        }
    }
}
