import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Load on the Conversation Details API of a running gateway (run by bench/details-api.sh, not a test). At each
 * concurrency, N client threads post conversationDetails for random recorded sessions, each request with a freshly
 * signed HS256 token as ZCC's connector sends it, for a fixed time; then the same threads get /health from the same
 * Jetty, the baseline. Prints one markdown table.
 *
 *   java DetailsApiBench.java base-url bot-id client-id client-secret admin-user:password seconds concurrency...
 *
 * With --tokens, writes COUNT lines "token sessionId" (tokens signed now, valid for 10 minutes, each with its own
 * jti; sessions the recorded ones in turn) for bench/wrk/details.lua instead:
 *
 *   java DetailsApiBench.java --tokens file count base-url bot-id client-id client-secret admin-user:password
 */
public class DetailsApiBench {

    record Result(double perSecond, double p50, double p99, long errors, long count) { }

    interface Call {
        int send(HttpClient http) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--tokens")) {
            writeTokens(args);
            return;
        }
        String base = args[0], bot = args[1], clientId = args[2], secret = args[3], admin = args[4];
        int seconds = Integer.parseInt(args[5]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<String> sessions = sessions(http, base, admin);
        if (sessions.isEmpty()) {
            throw new IllegalStateException("no conversations recorded");
        }
        URI details = URI.create(base + "/api/public/bot/" + bot + "/conversationDetails");
        Call detailsCall = h -> {
            String id = sessions.get(ThreadLocalRandom.current().nextInt(sessions.size()));
            HttpRequest r = HttpRequest.newBuilder(details).header("auth", token(clientId, secret, null))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sessionId\":\"" + id + "\",\"isSummaryRequired\":true}"))
                    .build();
            HttpResponse<byte[]> a = h.send(r, HttpResponse.BodyHandlers.ofByteArray());
            return a.statusCode();
        };
        URI health = URI.create(base + "/health");
        Call healthCall = h -> h.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray()).statusCode();
        run(http, detailsCall, 4, 2); // warm-up, not reported
        run(http, healthCall, 4, 2);
        System.out.printf("%nConversation Details API, %d conversation(s), %d s per step, %d cores%n%n", sessions.size(),
                seconds, Runtime.getRuntime().availableProcessors());
        System.out.println("| clients | details req/s | p50 / p99 (ms) | errors | /health req/s | p50 / p99 (ms) | ratio |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        for (int i = 6; i < args.length; i++) {
            int clients = Integer.parseInt(args[i]);
            Result d = run(http, detailsCall, clients, seconds);
            Result b = run(http, healthCall, clients, seconds);
            System.out.printf("| %d | %.0f | %.1f / %.1f | %d of %d | %.0f | %.1f / %.1f | %.2f |%n", clients,
                    d.perSecond, d.p50, d.p99, d.errors, d.count, b.perSecond, b.p50, b.p99, d.perSecond / b.perSecond);
        }
    }

    static void writeTokens(String[] args) throws Exception {
        int count = Integer.parseInt(args[2]);
        HttpClient http = HttpClient.newHttpClient();
        List<String> sessions = sessions(http, args[3], args[7]);
        if (sessions.isEmpty()) {
            throw new IllegalStateException("no conversations recorded");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(token(args[5], args[6], "bench-" + i)).append(' ').append(sessions.get(i % sessions.size()))
                    .append('\n');
        }
        java.nio.file.Files.writeString(java.nio.file.Path.of(args[1]), out);
    }

    static Result run(HttpClient http, Call call, int clients, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<long[]> latencies = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[4_000_000];
            latencies.add(mine);
            Thread t = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < end && n < mine.length - 1) {
                    long t0 = System.nanoTime();
                    try {
                        if (call.send(http) != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    mine[++n] = System.nanoTime() - t0;
                }
                mine[0] = n;
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        int total = 0;
        for (long[] l : latencies) {
            total += (int) l[0];
        }
        long[] all = new long[total];
        int k = 0;
        for (long[] l : latencies) {
            System.arraycopy(l, 1, all, k, (int) l[0]);
            k += (int) l[0];
        }
        Arrays.sort(all);
        return new Result(total / (double) seconds, pct(all, 0.50), pct(all, 0.99), errors.get(), total);
    }

    static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))] / 1e6;
    }

    static String token(String clientId, String secret, String jti) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String head = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String body = b64.encodeToString(("{\"appId\":\"" + clientId + "\",\"iat\":" + now + ",\"exp\":" + (now + 600)
                + (jti == null ? "" : ",\"jti\":\"" + jti + "\"") + "}").getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return head + "." + body + "." + b64.encodeToString(mac.doFinal((head + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> sessions(HttpClient http, String base, String admin) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/api/admin/conversations?limit=500"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(admin.getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        String body = http.send(r, HttpResponse.BodyHandlers.ofString()).body();
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"sessionId\":\\s*\"([0-9a-f]{24})\"").matcher(body);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
