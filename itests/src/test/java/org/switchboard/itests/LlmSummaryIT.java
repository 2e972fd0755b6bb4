package org.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.switchboard.api.bot.AppCredentials;
import org.switchboard.api.bot.Bot;
import org.switchboard.api.bot.BotApp;
import org.switchboard.api.bot.BotRepository;
import org.switchboard.api.conversation.Conversation;

import com.google.gson.JsonObject;

/**
 * A bot set to the LLM summarizer gets its summaries from an OpenAI-compatible endpoint (a small HTTP server in this
 * test) and, when that endpoint fails, from the built-in summarizer; the API says which wrote each one.
 */
public class LlmSummaryIT extends SwitchboardTestSupport {

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    /** Answers every request with a chat completion (or {@link #status} when that is not 200). */
    private ServerSocket fakeModel() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread t = new Thread(
                () -> {
                    while (!server.isClosed()) {
                        try (Socket s = server.accept()) {
                            requests.add(readRequest(s.getInputStream()));
                            String body = status == 200
                                    ? "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"LLM: caller was handed "
                                            + "to billing.\"}}]}"
                                    : "{\"error\":\"overloaded\"}";
                            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                            OutputStream out = s.getOutputStream();
                            out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: "
                                            + bytes.length + "\r\nConnection: close\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
                            out.write(bytes);
                            out.flush();
                        } catch (IOException e) {
                            // closed
                        }
                    }
                },
                "fake-llm");
        t.setDaemon(true);
        t.start();
        return server;
    }

    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String h = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : h.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return h + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Test
    public void theBotsLlmWritesAndTheBuiltinOneStandsInWhenItFails() throws Exception {
        awaitHealthy();
        try (ServerSocket model = fakeModel()) {
            ConfigurationAdmin ca = context.getService(context.getServiceReference(ConfigurationAdmin.class));
            Configuration llm = ca.getConfiguration("org.switchboard.summarizer.llm", "?");
            Dictionary<String, Object> p = new Hashtable<>();
            p.put("url", "http://127.0.0.1:" + model.getLocalPort() + "/v1");
            p.put("model", "test-model");
            p.put(".api.key", "sk-itest-secret");
            p.put("timeout.ms", "3000");
            llm.update(p);
            Configuration api = ca.getConfiguration("org.switchboard.summary", "?");
            Dictionary<String, Object> a = new Hashtable<>();
            a.put("summary.fallback.retry.s", "0");
            api.update(a);

            BotRepository bots = context.getService(context.getServiceReference(BotRepository.class));
            Bot demo = awaitBot(bots);
            bots.saveBot(new Bot(demo.botId(), demo.name(), true, "llm", demo.createdAt()));
            AppCredentials app = bots.createApp(demo.botId(), "llm test", Set.of(BotApp.CHAT_HISTORY), false);

            sipp("zcc-transfer-bye.xml", "udp");
            Conversation c = awaitEndedConversation("+15550100");
            String body = "{\"sessionId\":\"" + c.sessionId() + "\",\"isSummaryRequired\":true}";
            JsonObject summary = awaitSummary(app, body, "llm");
            assertEquals(
                    "LLM: caller was handed to billing.",
                    summary.get("ConversationSummary").getAsString());
            String request = requests.get(requests.size() - 1);
            assertTrue(request, request.startsWith("POST /v1/chat/completions HTTP/1.1"));
            assertTrue(request, request.contains("Bearer sk-itest-secret"));
            assertTrue(request, request.contains("\"model\":\"test-model\""));
            assertTrue(request, request.contains("Intents: Billing"));

            status = 500;
            JsonObject fallback = awaitSummary(app, body.replace("true}", "true,\"lang\":\"fr\"}"), "builtin");
            assertTrue(
                    fallback.toString(),
                    fallback.get("ConversationSummary").getAsString().contains("handed the call to an agent"));
            assertEquals("en", fallback.get("lang").getAsString());
            String log = java.nio.file.Files.readString(dataDir().resolve("log/switchboard.log"));
            assertTrue(log.contains("summarizer 'llm' failed (IOException: HTTP 500"));
            assertTrue("the key never reaches the log", !log.contains("sk-itest-secret"));
            llm.delete();
            api.delete();
        }
    }

    private static Bot awaitBot(BotRepository bots) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Optional<Bot> b = bots.bot(ConversationApiIT.BOT);
            if (b.isPresent()) {
                return b.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no demo bot");
    }

    /** The summary once the reconfigured components are back and the wanted summarizer wrote it. */
    private static JsonObject awaitSummary(AppCredentials app, String body, String summarizer) throws Exception {
        Http last = null;
        long deadline = Instant.now().toEpochMilli() + 15_000;
        while (Instant.now().toEpochMilli() < deadline) {
            last = ConversationApiIT.post(ConversationApiIT.DETAILS, ConversationApiIT.token(app), body);
            if (last.status() == 200
                    && summarizer.equals(last.json()
                            .getAsJsonObject("summary")
                            .get("summarizer")
                            .getAsString())) {
                return last.json().getAsJsonObject("summary");
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no summary by " + summarizer + ": " + last);
    }
}
