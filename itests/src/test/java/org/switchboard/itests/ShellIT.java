package org.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.switchboard.api.routing.CallRouting;
import org.switchboard.testing.FreePorts;

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
        // until the flow is at its hold node, so the hang-up comes after the task is recorded
        for (int i = 0; i < 100 && !calls.matches("(?s).*demo-wait +hold .*"); i++) {
            Thread.sleep(100);
            calls = String.valueOf(shell.execute("sb:calls"));
        }
        assertTrue(
                calls,
                calls.matches("(?s)SESSION +TRUNK +DID +CALLER +FLOW +NODE +ANSWERED +DURATION\\R"
                        + "[0-9a-f]{24} +zcc-demo +\\+15550102 +\\+14085551212 +demo-wait +(hold|-) +(yes|no) +0:00:0\\d\\R"
                        + "1 call\\(s\\) in progress\\."));
        Matcher id = Pattern.compile("[0-9a-f]{24}").matcher(calls);
        assertTrue(id.find());
        String session = id.group();

        assertEquals("Hanging up " + session + ".", shell.execute("sb:hangup " + session));
        held.get(20, TimeUnit.SECONDS); // sipp got the BYE with kore-reason: HangUp
        assertEquals(
                "No call in progress has the id 'nope' (it may have ended already).", shell.execute("sb:hangup nope"));

        String sessions = "";
        for (int i = 0; i < 50 && !sessions.contains(session + " "); i++) {
            Thread.sleep(100);
            sessions = String.valueOf(shell.execute("sb:sessions +15550102"));
        }
        assertTrue(
                sessions,
                sessions.matches(
                        "(?s).*" + session + " +\\S+ \\S+ +\\+15550102 +\\+14085551212 +" + "0:00:\\d\\d +bot .*"));
        String one = String.valueOf(shell.execute("sb:session " + session));
        assertTrue(one, one.startsWith("Session  " + session));
        assertTrue(one, one.contains("Tasks    hold"));
        assertTrue(one, one.contains("Summary (builtin): "));
        assertEquals("No conversation has the session id 'x'.", shell.execute("sb:session x"));

        String trunks = String.valueOf(shell.execute("sb:trunks"));
        assertTrue(trunks, trunks.matches("(?s).*zcc-demo +zcc +\\S+ +\\+15550100 +demo-agent\\R.*"));
        String flows = String.valueOf(shell.execute("sb:flows"));
        assertTrue(flows, flows.matches("(?s).*acme-support +.* +zcc-demo \\+15550105\\R.*"));

        CallRouting router = context.getService(context.getServiceReference(CallRouting.class));
        assertEquals(
                "Flow demo-wait now answers +15550101 on trunk zcc-demo.",
                shell.execute("sb:attach zcc-demo +15550101 demo-wait"));
        assertEquals("demo-wait", router.route("127.0.0.1", "+15550101").flowId());
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

    @Test
    public void theRemoteShellNeedsTheAdministratorsLoginAndRunsTheCommands() throws Exception {
        awaitHealthy();
        int port = FreePorts.tcpAndUdp();
        ConfigurationAdmin ca = context.getService(context.getServiceReference(ConfigurationAdmin.class));
        Configuration remote = ca.getConfiguration("org.switchboard.shell.remote", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("enabled", "true");
        props.put("address", "127.0.0.1");
        props.put("port", Integer.toString(port));
        remote.update(props);
        String password = Files.readString(dataDir().resolve("admin.password")).trim();
        try {
            Socket socket = null;
            for (int i = 0; i < 100 && socket == null; i++) {
                try {
                    socket = new Socket("127.0.0.1", port);
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            assertTrue("the remote shell listens on 127.0.0.1:" + port, socket != null);
            try (Socket s = socket) {
                s.setSoTimeout(10_000);
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                assertTrue(readUntil(in, "login: ").startsWith("Switchboard shell"));
                out.write("admin\r\n".getBytes(StandardCharsets.UTF_8));
                readUntil(in, "password: ");
                out.write("wrong\r\n".getBytes(StandardCharsets.UTF_8));
                assertTrue(readUntil(in, "login: ").contains("Login incorrect."));
                out.write(("admin\r\n" + password + "\r\n").getBytes(StandardCharsets.UTF_8));
                assertTrue(readUntil(in, "sb> ").contains("Logged in."));
                out.write("sb:trunks\r\n".getBytes(StandardCharsets.UTF_8));
                String trunks = readUntil(in, "sb> ");
                assertTrue(trunks, trunks.matches("(?s).*zcc-demo +zcc +\\S+ +\\+15550100 +demo-agent.*"));
                out.write("sb:nosuchcommand\r\n".getBytes(StandardCharsets.UTF_8));
                assertTrue(readUntil(in, "sb> ").contains("error: "));
                out.write("exit\r\n".getBytes(StandardCharsets.UTF_8));
                assertEquals("the shell closes the connection on exit", -1, in.read());
            }
            String log = Files.readString(dataDir().resolve("log/switchboard.log"));
            assertTrue(log.contains("Administrator login failed for user 'admin' from 127.0.0.1"));
            assertTrue("the password is never logged", !log.contains(password));
        } finally {
            props.put("enabled", "false");
            remote.update(props);
        }
        boolean closed = false;
        for (int i = 0; i < 100 && !closed; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                Thread.sleep(100);
            } catch (IOException refused) {
                closed = true;
            }
        }
        assertTrue("disabled again, nothing listens", closed);
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while (!b.toString().endsWith(end) && (c = in.read()) >= 0) {
            b.append((char) c);
        }
        return b.toString();
    }
}
