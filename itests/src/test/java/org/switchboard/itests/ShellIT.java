package org.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Test;
import org.switchboard.api.flow.FlowRegistry;

/** The sb: commands through the container's Gogo runtime, on a real call held by sipp. */
public class ShellIT extends SwitchboardTestSupport {

    @Test
    public void operatorsSeeAndEndCallsAndManageAttachmentsFromTheShell() throws Exception {
        awaitHealthy();
        CommandProcessor gogo = context.getService(context.getServiceReference(CommandProcessor.class));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        CommandSession shell = gogo.createSession(new ByteArrayInputStream(new byte[0]), print, print);

        assertEquals("No calls in progress.", shell.execute("sb:calls"));

        CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> {
            try {
                return sipp("zcc-operator-hangup.xml", "udp");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String calls = "";
        for (int i = 0; i < 100 && !calls.contains("+15550102"); i++) {
            Thread.sleep(100);
            calls = String.valueOf(shell.execute("sb:calls"));
        }
        assertTrue(calls, calls.matches("(?s)SESSION +TRUNK +DID +CALLER +FLOW +NODE +ANSWERED +DURATION\\R"
                + "[0-9a-f]{24} +zcc-demo +\\+15550102 +\\+14085551212 +demo-wait +(hold|-) +(yes|no) +0:00:0\\d\\R"
                + "1 call\\(s\\) in progress\\."));
        Matcher id = Pattern.compile("[0-9a-f]{24}").matcher(calls);
        assertTrue(id.find());
        String session = id.group();

        assertEquals("Hanging up " + session + ".", shell.execute("sb:hangup " + session));
        held.get(20, TimeUnit.SECONDS); // sipp got the BYE with kore-reason: HangUp
        assertEquals("No call in progress has the id 'nope' (it may have ended already).",
                shell.execute("sb:hangup nope"));

        String sessions = "";
        for (int i = 0; i < 50 && !sessions.contains(session + " "); i++) {
            Thread.sleep(100);
            sessions = String.valueOf(shell.execute("sb:sessions +15550102"));
        }
        assertTrue(sessions, sessions.matches("(?s).*" + session + " +\\S+ \\S+ +\\+15550102 +\\+14085551212 +"
                + "0:00:\\d\\d +bot .*"));
        String one = String.valueOf(shell.execute("sb:session " + session));
        assertTrue(one, one.startsWith("Session  " + session));
        assertTrue(one, one.contains("Tasks    hold"));
        assertTrue(one, one.contains("Summary (builtin): "));
        assertEquals("No conversation has the session id 'x'.", shell.execute("sb:session x"));

        String trunks = String.valueOf(shell.execute("sb:trunks"));
        assertTrue(trunks, trunks.matches("(?s).*zcc-demo +zcc +\\S+ +\\+15550100 +demo-agent\\R.*"));
        String flows = String.valueOf(shell.execute("sb:flows"));
        assertTrue(flows, flows.matches("(?s).*acme-support +.* +zcc-demo \\+15550105\\R.*"));

        FlowRegistry registry = context.getService(context.getServiceReference(FlowRegistry.class));
        assertEquals("Flow demo-wait now answers +15550101 on trunk zcc-demo.",
                shell.execute("sb:attach zcc-demo +15550101 demo-wait"));
        assertEquals("demo-wait", registry.resolve("127.0.0.1", "+15550101").flowId());
        assertTrue(String.valueOf(shell.execute("sb:attach zcc-demo +15550101 no-such-flow"))
                .startsWith("Not attached: "));
        assertEquals("Detached +15550101 on trunk zcc-demo.", shell.execute("sb:detach zcc-demo +15550101"));
        shell.execute("sb:attach zcc-demo +15550101 demo-hangup");

        out.reset();
        Object help = shell.execute("help sb:hangup");
        String helpText = help + " " + out.toString(StandardCharsets.UTF_8);
        assertTrue(helpText, helpText.contains("end a call in progress with a BYE from the bot side"));
        shell.close();
    }
}
