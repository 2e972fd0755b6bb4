package org.switchboard.testing;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway as an operator runs it: {@code ./switchboard --no-build} on free loopback ports, in a working
 * directory of its own under {@code switchboard.itest.dir} (its data in {@code ./data} there), optionally with
 * properties changed in a copy of {@code felix-config}; sipp calls placed against it and its admin API asked with
 * the generated administrator password. {@link #builder} for more than the {@code start} shortcuts.
 */
public final class Gateway implements AutoCloseable {

    private static final Pattern SESSION_ID = Pattern.compile("\"sessionId\":\\s*\"([0-9a-f]+)\"");

    public final Path home;
    /** This gateway's directory: console output, sipp files, and (by default) its working directory. */
    public final Path work;

    public final int http;
    public final int sip;
    private final Path cwd;
    private final ProcessBuilder builder;
    private final Process process;
    private final long healthyMs;
    private final List<Sipp.Run> calls = new ArrayList<>();

    private Gateway(
            Path home,
            Path work,
            Path cwd,
            int http,
            int sip,
            ProcessBuilder builder,
            Process process,
            long healthyMs) {
        this.home = home;
        this.work = work;
        this.cwd = cwd;
        this.http = http;
        this.sip = sip;
        this.builder = builder;
        this.process = process;
        this.healthyMs = healthyMs;
    }

    public static Gateway start(String name) throws Exception {
        return builder(name).start();
    }

    /** Starts the gateway with properties of {@code org.switchboard.sip.cfg} set or replaced. */
    public static Gateway start(String name, Map<String, String> sipConfig) throws Exception {
        return builder(name).config("org.switchboard.sip.cfg", sipConfig).start();
    }

    /**
     * Starts the gateway with properties set or replaced in configuration files ({@code configs}: by file name) and
     * more environment variables ({@code SWITCHBOARD_SIP_ADDRESS}: the SIP address, 127.0.0.1 by default).
     */
    public static Gateway start(String name, Map<String, Map<String, String>> configs, Map<String, String> env)
            throws Exception {
        Builder b = builder(name);
        configs.forEach(b::config);
        env.forEach(b::env);
        return b.start();
    }

    /** A gateway to start, named {@code name} (its directory's prefix). */
    public static Builder builder(String name) throws IOException {
        return new Builder(name);
    }

    /** What a gateway starts with. */
    public static final class Builder {
        final Path home = Sipp.home();
        final Path work;
        final int http;
        final int sip;
        Path cwd;
        private int tlsPort;
        private final Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        private final Map<String, String> env = new LinkedHashMap<>();

        Builder(String name) throws IOException {
            work = Path.of(System.getProperty("switchboard.itest.dir", "target/itest"))
                    .toAbsolutePath()
                    .resolve(name + "-" + System.nanoTime());
            cwd = work;
            http = FreePorts.tcpAndUdp();
            sip = FreePorts.tcpAndUdp();
        }

        /** Sets or replaces properties in one file of the configuration (e.g. {@code org.switchboard.sip.cfg}). */
        public Builder config(String file, Map<String, String> properties) {
            configs.computeIfAbsent(file, f -> new LinkedHashMap<>()).putAll(properties);
            return this;
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** Turns SIP over TLS on, on a free port ({@link #tlsPort()}), with the key and certificate of {@code keystore}. */
        public Builder tls(Path keystore, String password) throws IOException {
            tlsPort = FreePorts.tcpAndUdp();
            return config(
                    "org.switchboard.sip.cfg",
                    Map.of(
                            "tls.port", Integer.toString(tlsPort),
                            "tls.keystore", keystore.toString(),
                            "tls.keystore.password", password));
        }

        /** The SIP over TLS port {@link #tls} chose; 0 without TLS. */
        public int tlsPort() {
            return tlsPort;
        }

        /** Runs the gateway from a subdirectory of its directory (the data directory follows: {@code ./data}). */
        public Builder workingDirectory(String subdirectory) {
            cwd = work.resolve(subdirectory);
            return this;
        }

        public Gateway start() throws Exception {
            Files.createDirectories(cwd);
            ProcessBuilder pb = new ProcessBuilder(home.resolve("switchboard").toString(), "--no-build");
            pb.environment().put("SWITCHBOARD_HTTP_PORT", Integer.toString(http));
            pb.environment().put("SWITCHBOARD_SIP_PORT", Integer.toString(sip));
            pb.environment().remove("SWITCHBOARD_DATA");
            pb.environment().remove("SWITCHBOARD_CONFIG");
            pb.environment().putAll(env);
            if (!configs.isEmpty()) {
                pb.environment().put("SWITCHBOARD_CONFIG", configCopy().toString());
            }
            return launch(home, work, cwd, http, sip, pb);
        }

        private Path configCopy() throws IOException {
            Path config = work.resolve("config");
            Files.createDirectories(config);
            try (var files = Files.list(home.resolve("felix-config"))) {
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
            return config;
        }
    }

    private static Gateway launch(Path home, Path work, Path cwd, int http, int sip, ProcessBuilder pb)
            throws Exception {
        Path out = work.resolve("console.txt");
        pb.directory(cwd.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        long t0 = System.nanoTime();
        Process p = pb.start();
        Http client = Http.local(http);
        long deadline = System.currentTimeMillis() + 90_000;
        while (client.status("/health") != 200) {
            if (!p.isAlive()) {
                p.waitFor();
                throw new IllegalStateException(
                        "exited with status " + p.exitValue() + " before it was healthy:\n" + Files.readString(out));
            }
            if (System.currentTimeMillis() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("not healthy after 90 s:\n" + Files.readString(out));
            }
            Thread.sleep(100);
        }
        long healthy = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        // healthy serves calls; the speech engines load after that: tests that talk wait for them
        while (!ready(client.get("/health").body()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        return new Gateway(home, work, cwd, http, sip, pb, p, healthy);
    }

    /** Whether a {@code /health} answer has no speech engine still loading or starting. */
    public static boolean ready(String health) {
        return health != null && !health.contains(" loading (") && !health.contains(" starting (");
    }

    /** Milliseconds from the launch to the first healthy answer (polled every 100 ms). */
    public long healthyMs() {
        return healthyMs;
    }

    /** Kills the gateway's JVM at once (SIGKILL: no bundle stops, as in a crash). */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(15, TimeUnit.SECONDS);
    }

    /** Asks the gateway to stop (SIGTERM, as an init system does) and waits for it; returns its exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the gateway did not stop within 30 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** The JVM's process id ({@code ./switchboard} replaces itself with the JVM). */
    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** The process's exit status once it ended by itself within {@code seconds}; -1 when still running. */
    public int exitWithin(int seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    /** Starts the gateway again, stopped or killed, on the same directories and ports. */
    public Gateway restart() throws Exception {
        if (process.isAlive()) {
            throw new IllegalStateException("still running");
        }
        return launch(home, work, cwd, http, sip, builder);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + http + path;
    }

    /** The data directory ({@code ./data} of the working directory, unless SWITCHBOARD_DATA says otherwise). */
    public Path data() {
        String set = builder.environment().get("SWITCHBOARD_DATA");
        return set != null ? Path.of(set) : cwd.resolve("data");
    }

    /** The administrator's password the gateway generated on its first start. */
    public String password() throws IOException {
        return Files.readString(data().resolve("admin.password")).trim();
    }

    public String basicAuth() throws IOException {
        return Http.basicValue("admin", password());
    }

    /** A client with the administrator's credentials. */
    public Http adminHttp() throws IOException {
        return Http.local(http).basic("admin", password());
    }

    /** A GET without credentials; returns the body. */
    public String get(String path) throws IOException {
        return Http.local(http).get(path).body();
    }

    /** What {@code /metrics} says now. */
    public Metrics metrics() throws IOException {
        return Metrics.parse(get("/metrics"));
    }

    /**
     * Waits up to {@code seconds} until no call is in progress ({@code switchboard_calls_active} 0: a call's end,
     * after its last BYE, may still be under way when sipp has finished); the last reading.
     *
     * @throws AssertionError when calls are still up then, with the metrics
     */
    public Metrics awaitNoCallInProgress(int seconds) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Metrics m = metrics();
        while (m.count("switchboard_calls_active") != 0 && System.nanoTime() < end) {
            Thread.sleep(100);
            m = metrics();
        }
        if (m.count("switchboard_calls_active") != 0) {
            throw new AssertionError("calls still in progress after " + seconds + " s:\n" + m);
        }
        return m;
    }

    /** The status of a GET without credentials; -1 when the gateway does not answer. */
    public int status(String path) {
        return Http.local(http).status(path);
    }

    /** The gateway's log file. */
    public String log() throws IOException {
        return Files.readString(data().resolve("log/switchboard.log"));
    }

    /** What the gateway printed on its console (every start appends). */
    public String console() throws IOException {
        return Files.readString(work.resolve("console.txt"));
    }

    /** A POST of a form with the administrator's credentials (any header may be set, Origin included); the status. */
    public int post(String path, String form, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", basicAuth())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        headers.forEach(b::header);
        return HttpClient.newHttpClient()
                .send(b.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /**
     * Adds {@code dids} to the trunk {@code trunkId} and attaches each to {@code flowId} through the admin API; an
     * AssertionError when the API refuses.
     */
    public void attach(String trunkId, String flowId, String... dids) throws Exception {
        HttpResponse<String> trunk = admin("GET", "/api/admin/trunks/" + trunkId, null);
        StringBuilder added = new StringBuilder();
        for (String did : dids) {
            added.append('"').append(did).append("\", ");
        }
        HttpResponse<String> put = admin(
                "PUT",
                "/api/admin/trunks/" + trunkId,
                trunk.body()
                        .replaceFirst(
                                "\"dids\"\\s*:\\s*\\[", "\"dids\": [" + Matcher.quoteReplacement(added.toString()))
                        .replaceAll(",?\\s*\"sipUris\"\\s*:\\s*\\[[^\\]]*\\]", ""));
        if (put.statusCode() != 200) {
            throw new AssertionError("trunk " + trunkId + " not updated: " + put.body());
        }
        for (String did : dids) {
            HttpResponse<String> a = admin(
                    "PUT",
                    "/api/admin/attachments",
                    "{\"trunk\": \"" + trunkId + "\", \"did\": \"" + did + "\", \"flow\": \"" + flowId + "\"}");
            if (a.statusCode() != 200) {
                throw new AssertionError(did + " not attached to " + flowId + ": " + a.body());
            }
        }
    }

    /** Debian's python3 where there is one (its packages, such as python3-websockets, are there), else python3. */
    public static String python3() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /** A request with the administrator's credentials and a JSON body (or none); returns status and body. */
    public HttpResponse<String> admin(String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", basicAuth())
                .header("Content-Type", "application/json")
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A sipp run of a scenario against this gateway over UDP, its files in this gateway's directory: an example's
     * path ({@code examples/sipp/...}), a benchmark's ({@code bench/sipp/...}) or a test's resource ({@code /sipp/<name>}
     * of the calling test's class path).
     */
    public Sipp sipp(String scenario) throws IOException {
        Path file = scenario.startsWith("examples/") || scenario.startsWith("bench/")
                ? home.resolve(scenario)
                : Sipp.resource(Gateway.class, scenario, work);
        return Sipp.scenario(file).in(work, "sipp-" + System.nanoTime());
    }

    /** Starts one sipp call of {@code scenario} with more options; stopped with the gateway if still running. */
    public Sipp.Run call(String scenario, String... extra) throws IOException {
        return sipp(scenario, List.of("-m", "1"), extra);
    }

    /** Starts sipp on {@code scenario} with the given options (calls, rate, ...). */
    public Sipp.Run sipp(String scenario, List<String> options, String... extra) throws IOException {
        Sipp.Run run = sipp(scenario).options(options).options(extra).start("127.0.0.1:" + sip);
        calls.add(run);
        return run;
    }

    /** Runs one call to its end and requires sipp's success. */
    public void callAndWait(String scenario, String... extra) throws Exception {
        call(scenario, extra).awaitSuccess();
    }

    /**
     * The details of the newest conversation to {@code did} once {@code done} holds for them; an AssertionError
     * with the last details seen after {@code seconds}.
     */
    public String awaitConversation(String did, Predicate<String> done, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            String list = admin("GET", "/api/admin/conversations?did=" + did.replace("+", "%2B") + "&limit=1", null)
                    .body();
            Matcher m = SESSION_ID.matcher(list);
            if (m.find()) {
                last = admin("GET", "/api/admin/conversations/" + m.group(1), null)
                        .body();
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no conversation to " + did + " as expected after " + seconds + " s: " + last);
    }

    /** The string value of the first {@code "name": "value"} in a JSON text; an AssertionError when there is none. */
    public static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError(name + " in " + json);
        }
        return m.group(1);
    }

    /** Whether conversation details have a time in {@code field} (e.g. {@code endedAt}), not null. */
    public static boolean has(String conversation, String field) {
        return Pattern.compile("\"" + field + "\":\\s*\"").matcher(conversation).find();
    }

    /** Which of {@code secrets} (their first 4 characters) appear in which log, console or sipp output of this run. */
    public List<String> secretsInLogs(List<String> secrets) throws IOException {
        List<String> found = new ArrayList<>();
        try (var files = Files.walk(work)) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".log")
                            || f.toString().endsWith(".txt")
                            || f.toString().endsWith(".out"))
                    .toList()) {
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

    @Override
    public void close() throws InterruptedException {
        calls.forEach(Sipp.Run::kill);
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
