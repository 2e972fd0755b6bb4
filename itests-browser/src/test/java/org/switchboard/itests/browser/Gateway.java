package org.switchboard.itests.browser;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gateway as an operator runs it: {@code ./switchboard --no-build} in its own working directory on free
 * loopback ports, with sipp calls placed against it.
 */
final class Gateway implements AutoCloseable {

    final Path home;
    final Path work;
    final int http;
    final int sip;
    private final ProcessBuilder builder;
    private final Process process;
    private final List<Process> calls = new ArrayList<>();

    private Gateway(Path home, Path work, int http, int sip, ProcessBuilder builder, Process process) {
        this.home = home;
        this.work = work;
        this.http = http;
        this.sip = sip;
        this.builder = builder;
        this.process = process;
    }

    static Gateway start(String name) throws Exception {
        return start(name, Map.of());
    }

    /**
     * Starts the gateway with properties of the SIP stack's configuration ({@code org.switchboard.sip.cfg}) set or
     * replaced in a copy of {@code felix-config}.
     */
    static Gateway start(String name, Map<String, String> sipConfig) throws Exception {
        return start(name, sipConfig.isEmpty() ? Map.of() : Map.of("org.switchboard.sip.cfg", sipConfig), Map.of());
    }

    /**
     * Starts the gateway with properties set or replaced in configuration files of a copy of {@code felix-config}
     * ({@code configs}: by file name) and with more environment variables ({@code SWITCHBOARD_SIP_ADDRESS}: the SIP
     * address, 127.0.0.1 by default).
     */
    static Gateway start(String name, Map<String, Map<String, String>> configs, Map<String, String> env)
            throws Exception {
        Path home = Paths.get(System.getProperty("switchboard.home", "..")).toAbsolutePath().normalize();
        Path work = Paths.get(System.getProperty("switchboard.itest.dir", "target/itest")).toAbsolutePath()
                .resolve(name + "-" + System.nanoTime());
        Files.createDirectories(work);
        int http = freePort();
        int sip = freePort();
        ProcessBuilder pb = new ProcessBuilder(home.resolve("switchboard").toString(), "--no-build");
        pb.environment().put("SWITCHBOARD_HTTP_PORT", Integer.toString(http));
        pb.environment().put("SWITCHBOARD_SIP_PORT", Integer.toString(sip));
        pb.environment().remove("SWITCHBOARD_DATA");
        pb.environment().putAll(env);
        if (!configs.isEmpty()) {
            Path config = work.resolve("config");
            try (var files = Files.list(home.resolve("felix-config"))) {
                Files.createDirectories(config);
                for (Path f : files.toList()) {
                    Files.copy(f, config.resolve(f.getFileName()));
                }
            }
            for (Map.Entry<String, Map<String, String>> file : configs.entrySet()) {
                Path cfg = config.resolve(file.getKey());
                List<String> lines = new ArrayList<>(Files.exists(cfg) ? Files.readAllLines(cfg) : List.of());
                file.getValue().forEach((k, v) -> {
                    lines.removeIf(l -> l.startsWith(k + "="));
                    lines.add(k + "=" + v);
                });
                Files.write(cfg, lines);
            }
            pb.environment().put("SWITCHBOARD_CONFIG", config.toString());
        }
        return launch(home, work, http, sip, pb);
    }

    private static Gateway launch(Path home, Path work, int http, int sip, ProcessBuilder pb) throws Exception {
        Path out = work.resolve("console.txt");
        pb.directory(work.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Gateway g = new Gateway(home, work, http, sip, pb, pb.start());
        long deadline = System.currentTimeMillis() + 90_000;
        while (g.status("/health") != 200) {
            if (!g.process.isAlive()) {
                g.process.waitFor();
                throw new IllegalStateException("exited with status " + g.process.exitValue() + " before it was "
                        + "healthy:\n" + Files.readString(out));
            }
            if (System.currentTimeMillis() > deadline) {
                g.close();
                throw new IllegalStateException("not healthy after 90 s:\n" + Files.readString(out));
            }
            Thread.sleep(200);
        }
        return g;
    }

    /** Kills the gateway's JVM at once (SIGKILL: no bundle stops, as in a crash). */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(15, TimeUnit.SECONDS);
    }

    /** Asks the gateway to stop (SIGTERM, as an init system does) and waits for it; returns its exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the gateway did not stop within 30 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** Whether the gateway's process is running. */
    boolean alive() {
        return process.isAlive();
    }

    /** The process's exit status once it ended by itself within {@code seconds}; -1 when still running. */
    int exitWithin(int seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    /** Starts the gateway again, stopped or killed, on the same directories and ports. */
    Gateway restart() throws Exception {
        if (process.isAlive()) {
            throw new IllegalStateException("still running");
        }
        return launch(home, work, http, sip, builder);
    }

    String url(String path) {
        return "http://127.0.0.1:" + http + path;
    }

    String password() throws IOException {
        return Files.readString(work.resolve("data/admin.password")).trim();
    }

    String basicAuth() throws IOException {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + password()).getBytes(StandardCharsets.UTF_8));
    }

    /** A GET without credentials; returns the body. */
    String get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(path))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    String log() throws IOException {
        return Files.readString(work.resolve("data/log/switchboard.log"));
    }

    int status(String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(url(path)).openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(5000);
            int s = c.getResponseCode();
            c.disconnect();
            return s;
        } catch (IOException e) {
            return -1;
        }
    }

    /** A POST with the administrator's credentials (any header may be set, Origin included); returns the status. */
    int post(String path, String form, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", basicAuth())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        headers.forEach(b::header);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Starts a sipp call from a scenario (a resource of this test, or an example's path); returns its process. */
    Process call(String scenario, String... extra) throws IOException {
        List<String> options = new ArrayList<>(List.of("-m", "1"));
        options.addAll(List.of(extra));
        return sipp(scenario, options);
    }

    /** Starts sipp on a scenario with the given options (calls, rate, ...) over UDP; returns its process. */
    Process sipp(String scenario, List<String> options) throws IOException {
        Path file = scenario.startsWith("examples/") ? home.resolve(scenario) : copyResource(scenario);
        List<String> cmd = new ArrayList<>(List.of("sipp", "-sf", file.toString(), "-t", "u1", "-i",
                "127.0.0.1", "-p", Integer.toString(freePort()), "-nostdin", "-trace_err", "-timeout", "90s",
                "-timeout_error"));
        cmd.addAll(options);
        cmd.add("127.0.0.1:" + sip);
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("sipp-" + System.nanoTime() + ".out").toFile()).start();
        calls.add(p);
        return p;
    }

    /** A request with the administrator's credentials and a JSON body (or none); returns status and body. */
    HttpResponse<String> admin(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", basicAuth())
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The details of the newest conversation to {@code did} once {@code done} holds for them; an AssertionError
     * with the last details seen after {@code seconds}.
     */
    String awaitConversation(String did, java.util.function.Predicate<String> done, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        String last = "";
        java.util.regex.Pattern id = java.util.regex.Pattern.compile("\"sessionId\":\\s*\"([0-9a-f]+)\"");
        while (System.currentTimeMillis() < deadline) {
            String list = admin("GET", "/api/admin/conversations?did=" + did.replace("+", "%2B") + "&limit=1", null)
                    .body();
            java.util.regex.Matcher m = id.matcher(list);
            if (m.find()) {
                last = admin("GET", "/api/admin/conversations/" + m.group(1), null).body();
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no conversation to " + did + " as expected after " + seconds + " s: " + last);
    }

    /** The string value of the first {@code "name": "value"} in a JSON text; an AssertionError when there is none. */
    static String field(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(json);
        if (!m.find()) {
            throw new AssertionError(name + " in " + json);
        }
        return m.group(1);
    }

    /** A JWT signed HS256 with {@code secret}, carrying {@code claims} (a JSON object's text). */
    static String jwt(String claims, String secret) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Whether conversation details have a time in {@code field} (e.g. {@code endedAt}), not null. */
    static boolean has(String conversation, String field) {
        return java.util.regex.Pattern.compile("\"" + field + "\":\\s*\"").matcher(conversation).find();
    }

    /** Which of {@code secrets} (their first 4 characters) appear in which log, console or sipp output of this run. */
    List<String> secretsInLogs(List<String> secrets) throws IOException {
        List<String> found = new ArrayList<>();
        try (var files = Files.walk(work)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".log")
                    || f.toString().endsWith(".txt") || f.toString().endsWith(".out")).toList()) {
                String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                for (String s : secrets) {
                    if (text.contains(s)) {
                        found.add(s.substring(0, 4) + "... in " + work.relativize(f));
                    }
                }
            }
        }
        return found;
    }

    /** Runs a call to its end and requires sipp's success. */
    void callAndWait(String scenario, String... extra) throws Exception {
        awaitSuccess(call(scenario, extra), scenario);
    }

    /** Waits for a sipp call and returns its exit code (0: the scenario passed). */
    static int await(Process p) throws InterruptedException {
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    void awaitSuccess(Process p, String what) throws Exception {
        int rc = await(p);
        if (rc != 0) {
            StringBuilder errors = new StringBuilder();
            try (var files = Files.list(work)) {
                for (Path f : files.filter(f -> f.getFileName().toString().endsWith("_errors.log")).toList()) {
                    errors.append(Files.readString(f));
                }
            }
            throw new AssertionError("sipp " + what + " ended with " + rc + ":\n" + errors);
        }
    }

    private Path copyResource(String name) throws IOException {
        Path target = work.resolve(name);
        try (var in = Gateway.class.getResourceAsStream("/sipp/" + name)) {
            if (in == null) {
                throw new IOException("no test scenario " + name);
            }
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    static int freePort() throws IOException {
        for (int i = 0; i < 100; i++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no port free for both TCP and UDP");
    }

    @Override
    public void close() throws InterruptedException {
        calls.forEach(Process::destroyForcibly);
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
