package org.switchboard.itests;

import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.workingDirectory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import javax.inject.Inject;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationQuery;
import org.switchboard.api.conversation.ConversationStore;
import org.switchboard.testing.FreePorts;
import org.switchboard.testing.Sipp;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

/**
 * The one base of every integration test: a Felix container with exactly the bundles and run properties of the
 * exported {@code features/target/switchboard.jar}, configured from the real {@code felix-config/}, on free
 * loopback ports and a fresh data directory per test class. Ports and paths are published as system properties
 * because the test methods run inside the container, in another class loader than {@link #config()}.
 *
 * <p>Debugging: the native container runs inside the failsafe JVM, so {@code -Dmaven.failsafe.debug} debugs both;
 * each test class's log is {@code target/itest/<class>-<time>/data/log/switchboard.log}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public abstract class SwitchboardTestSupport {

    static final String SIP_PORT = "switchboard.sip.port";
    static final String HTTP_PORT = "org.osgi.service.http.port";
    static final String DATA = "switchboard.data";
    /** The system property giving the location of the fake adapter bundle's jar. */
    static final String FAKE_ADAPTER = "switchboard.test.fake.adapter";

    @Inject
    protected BundleContext context;

    @Configuration
    public Option[] config() throws Exception {
        Path home = Paths.get(System.getProperty("switchboard.home", ".."))
                .toAbsolutePath()
                .normalize();
        Path work = Paths.get(System.getProperty("switchboard.itest.dir", "target/itest"))
                .toAbsolutePath()
                .resolve(getClass().getSimpleName() + "-" + System.nanoTime());
        Path data = work.resolve("data");
        Files.createDirectories(data);
        List<Option> options = new ArrayList<>();
        Properties launch =
                extractAssembly(home.resolve("features/target/switchboard.jar"), work.resolve("bundles"), options);
        for (String key : launch.stringPropertyNames()) {
            if (!key.startsWith("launch.")) {
                options.add(frameworkProperty(key).value(launch.getProperty(key)));
            }
        }
        options.add(bundle(jarOf("org/switchboard/testing/FreePorts.class")));
        options.add(systemProperty(FAKE_ADAPTER).value(jarOf("org/switchboard/testing/fakeadapter/FakeAdapter.class")));
        int sip = FreePorts.tcpAndUdp();
        int http = FreePorts.tcpAndUdp();
        Map<String, String> props = Map.of(
                SIP_PORT,
                Integer.toString(sip),
                "switchboard.sip.address",
                "127.0.0.1",
                HTTP_PORT,
                Integer.toString(http),
                "org.apache.felix.http.host",
                "127.0.0.1",
                DATA,
                data.toString(),
                "felix.fileinstall.dir",
                home.resolve("felix-config").toString(),
                "logback.configurationFile",
                home.resolve("felix-config/logback.xml").toString(),
                "gosh.args",
                "--nointeractive");
        props.forEach((k, v) -> {
            System.setProperty(k, v);
            options.add(frameworkProperty(k).value(v));
        });
        options.add(systemProperty("switchboard.home").value(home.toString()));
        options.add(junitBundles());
        options.add(cleanCaches(true));
        options.add(workingDirectory(work.resolve("exam").toString()));
        return options(options.toArray(new Option[0]));
    }

    /**
     * The URI of the jar on the test class path that holds {@code resource}: the test-support bundle, installed so
     * the tests inside the container use the classes the ones outside do, and the fake adapter, which a test
     * deploys into the running container.
     */
    private static String jarOf(String resource) {
        String url =
                String.valueOf(SwitchboardTestSupport.class.getClassLoader().getResource(resource));
        if (!url.startsWith("jar:file:")) {
            throw new IllegalStateException(resource + " is at " + url + ", not in a jar: run mvn verify (or install)");
        }
        return url.substring("jar:".length(), url.indexOf("!/"));
    }

    /** Copies the assembly's bundles out of the exported jar, in its start order, and returns its run properties. */
    private static Properties extractAssembly(Path jar, Path dir, List<Option> options) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the features module first (mvn package)");
        }
        Files.createDirectories(dir);
        Properties launch = new Properties();
        try (JarFile j = new JarFile(jar.toFile())) {
            try (InputStream in = j.getInputStream(j.getEntry("launcher.properties"))) {
                launch.load(in);
            }
            for (String entry : launch.getProperty("launch.bundles").split(",")) {
                ZipEntry e = j.getEntry(entry.trim());
                Path target = dir.resolve(Paths.get(e.getName()).getFileName().toString());
                try (InputStream in = j.getInputStream(e)) {
                    Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                options.add(bundle(target.toUri().toString()));
            }
        }
        return launch;
    }

    // ---- helpers used inside the container ----

    protected static int sipPort() {
        return Integer.getInteger(SIP_PORT);
    }

    protected static int httpPort() {
        return Integer.getInteger(HTTP_PORT);
    }

    protected static Path dataDir() {
        return Paths.get(System.getProperty(DATA));
    }

    protected static Path home() {
        return Paths.get(System.getProperty("switchboard.home"));
    }

    /** An HTTP answer: status and body. */
    protected record Http(int status, String body) {
        JsonObject json() {
            return new Gson().fromJson(body, JsonObject.class);
        }
    }

    protected static Http get(String path, String user, String password) throws IOException {
        org.switchboard.testing.Http client = org.switchboard.testing.Http.local(httpPort());
        return answer((user == null ? client : client.basic(user, password)).get(path));
    }

    /** A request with a body and headers (e.g. a JSON POST with an {@code auth} header). */
    protected static Http request(String method, String path, Map<String, String> headers, String body)
            throws IOException {
        org.switchboard.testing.Http client = org.switchboard.testing.Http.local(httpPort());
        for (Map.Entry<String, String> h : headers.entrySet()) {
            client = client.header(h.getKey(), h.getValue());
        }
        return answer(client.send(method, path, null, body));
    }

    /** The administrator's password the container generated in its data directory. */
    protected static String adminPassword() throws IOException {
        return Files.readString(dataDir().resolve("admin.password")).trim();
    }

    /** A request to {@code path} with the administrator's credentials and a JSON body (or none). */
    protected static Http adminRequest(String method, String path, String json) throws IOException {
        return answer(org.switchboard.testing.Http.local(httpPort())
                .basic("admin", adminPassword())
                .json(method, path, json));
    }

    private static Http answer(org.switchboard.testing.Http.Response r) {
        return new Http(r.status(), r.body());
    }

    protected static Http health() {
        try {
            return get("/health", null, null);
        } catch (IOException e) {
            return new Http(-1, e.toString());
        }
    }

    /** Waits until {@code /health} answers in a way {@code expected} accepts; fails with the last answer. */
    protected static Http awaitHealth(Predicate<Http> expected, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        Http last = health();
        while (!expected.test(last)) {
            if (System.currentTimeMillis() > deadline) {
                fail("health did not reach the expected state within " + timeoutMs + " ms; last: " + last);
            }
            Thread.sleep(100);
            last = health();
        }
        return last;
    }

    /** Healthy, with the speech engines loaded (they load after the gateway is healthy). */
    protected static Http awaitHealthy() throws InterruptedException {
        return awaitHealth(h -> h.status() == 200 && org.switchboard.testing.Gateway.ready(h.body()), 30_000);
    }

    /** The newest conversation on a DID once it has ended. */
    protected Conversation awaitEndedConversation(String did) throws InterruptedException {
        ConversationStore store = context.getService(context.getServiceReference(ConversationStore.class));
        for (int i = 0; i < 100; i++) {
            Optional<Conversation> c =
                    store.find(new ConversationQuery(null, null, null, did, null, null, 0, 1)).stream()
                            .findFirst();
            if (c.isPresent() && !c.get().isActive()) {
                return c.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no ended conversation for " + did);
    }

    /** The built-in (or the bot's) summary of a recorded conversation, as the API gives it. */
    protected String summary(String sessionId) {
        return context.getService(
                        context.getServiceReference(org.switchboard.api.conversation.ConversationSummaries.class))
                .summary(sessionId, "en")
                .text();
    }

    protected Bundle installed(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("bundle " + symbolicName + " is not installed");
    }

    /** Runs a sipp scenario from {@code examples/sipp} against the container over {@code udp} or {@code tcp}. */
    protected static String sipp(String scenario, String transport, String... extra) throws Exception {
        return sipp(Sipp.example(scenario), transport, extra);
    }

    /** Runs one of these tests' own sipp scenarios (resource {@code /sipp/<name>}) over {@code udp} or {@code tcp}. */
    protected static String sippResource(String scenario, String transport, String... extra) throws Exception {
        return sipp(
                Sipp.resource(SwitchboardTestSupport.class, scenario, dataDir().getParent()), transport, extra);
    }

    private static String sipp(Path scenario, String transport, String... extra) throws Exception {
        return Sipp.scenario(scenario)
                .transport(transport)
                .timeout(15)
                .in(dataDir().getParent(), "sipp-" + transport + "-" + System.nanoTime())
                .options("-m", "1")
                .options(extra)
                .run("127.0.0.1:" + sipPort());
    }
}
