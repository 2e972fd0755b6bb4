package org.switchboard.itests.gateway;

import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.switchboard.testing.FreePorts;
import org.switchboard.testing.Gateway;
import org.switchboard.testing.Sipp;
import org.switchboard.testing.VoiceCaller;

/**
 * The LLM flow (examples/llm-flow/flow.json) on a real call: sipp places a ZCC call, a caller speaks (flite's voice,
 * heard by Vosk), the example's stand-in model (examples/llm-flow/fake_model.py, an OpenAI-compatible streaming
 * server) greets, and asked for an agent calls transfer_to_agent: a BYE with kore-reason and the model's header.
 */
public class LlmFlowIT {

    private static Gateway gateway;
    private static Process model;

    @BeforeClass
    public static void start() throws Exception {
        int port = FreePorts.tcp();
        model = new ProcessBuilder(
                        Gateway.python3(),
                        Paths.get("../examples/llm-flow/fake_model.py").toString(),
                        "--port",
                        Integer.toString(port))
                .redirectErrorStream(true)
                .start();
        String first =
                new BufferedReader(new InputStreamReader(model.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertTrue(first, first.contains("listening"));
        gateway = Gateway.start("LlmFlowIT");
        String flow = Files.readString(Paths.get("../examples/llm-flow/flow.json"))
                .replace("http://127.0.0.1:8093/v1", "http://127.0.0.1:" + port + "/v1");
        var put = gateway.admin("PUT", "/api/admin/flows/llm-demo", flow);
        assertTrue(put.body(), put.statusCode() == 200 || put.statusCode() == 201);
        gateway.attach("zcc-demo", "llm-demo", "+15550112");
    }

    @AfterClass
    public static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (model != null) {
            model.destroy();
            model.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    public void theModelGreetsHearsTheCallerAndHandsItToAnAgentWithItsHeader() throws Exception {
        try (VoiceCaller caller = new VoiceCaller()) {
            Sipp.Run sipp = gateway.sipp("examples/sipp/zcc-voice-call.xml")
                    .options("-m", "1", "-s", "+15550112", "-key", "rtp_port", Integer.toString(caller.port()))
                    .start("127.0.0.1:" + gateway.sip);
            caller.awaitLoud(15_000);
            caller.awaitQuiet(1500, 20_000); // both sentences of the greeting
            caller.say(VoiceCaller.speech("I would like to talk to an agent please", gateway.work));
            sipp.awaitSuccess(); // the BYE had kore-reason: TransferToAgent
        }
        String c = gateway.awaitConversation(
                "+15550112", d -> Gateway.has(d, "endedAt") && d.contains("connecting you to an agent"), 20);
        assertTrue(c, c.matches("(?s).*\"endedBy\":\\s*\"transfer\".*"));
        assertTrue(
                "the greeting, sentence by sentence: " + c,
                c.contains("Hi, this is the Acme assistant.") && c.contains("How can I help you today?"));
        assertTrue("the caller's words: " + c, c.contains("agent"));
        assertTrue("the model's header is on the BYE: " + c, c.matches("(?s).*X-Intent.{0,20}Agent.*"));
        assertTrue("the model's reason is kept: " + c, c.contains("the caller asked for a person"));
    }
}
