package org.switchboard.flow.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.util.converter.Converters;
import org.switchboard.api.routing.CallRoute;
import org.switchboard.api.routing.CallRoute.Outcome;
import org.switchboard.api.store.FlowAttachment;
import org.switchboard.api.store.WorkspaceRecord;
import org.switchboard.api.store.WorkspaceRepository;
import org.switchboard.api.store.WorkspaceSource;
import org.switchboard.flow.internal.workspace.Cidr;

public class WorkspaceRegistryTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private WorkspaceRegistry registry;

    static WorkspaceConfig config(Map<String, Object> props) {
        return Converters.standardConverter().convert(new HashMap<>(props)).to(WorkspaceConfig.class);
    }

    @After
    public void stop() {
        if (registry != null) {
            registry.deactivate();
        }
    }

    /** Routes over the registry's snapshot in force, as the call router does (trunk FQDNs: see CallRouterTest). */
    static CallRoute route(WorkspaceRegistry r, String source, String did) {
        return Cidr.literal(source)
                .map(ip -> r.current().resolve(ip, did, t -> java.util.List.of()))
                .orElse(CallRoute.notAllowed(did));
    }

    private static Path demo() {
        return Paths.get("../../examples/workspace/demo.json").toAbsolutePath().normalize();
    }

    @Test
    public void theShippedDemoWorkspaceIsValidAndRoutes() {
        registry = new WorkspaceRegistry(config(Map.of("path", demo().toString(), "reload.interval.s", 0)));
        assertEquals("demo-agent", route(registry, "127.0.0.1", "+15550100").flowId());
        assertEquals("demo-hangup", route(registry, "::1", "15550101").flowId());
        assertEquals(
                Outcome.UNKNOWN_DID, route(registry, "127.0.0.1", "+15550999").outcome());
        assertEquals(
                Outcome.SOURCE_NOT_ALLOWED,
                route(registry, "192.0.2.1", "+15550100").outcome());
        assertEquals(
                Outcome.SOURCE_NOT_ALLOWED,
                route(registry, "localhost", "+15550100").outcome()); // never a DNS look-up
        assertEquals(Outcome.NO_FLOW, route(registry, "127.0.0.1", "+15550109").outcome());
        assertEquals(6, registry.attachments().size());
        assertEquals("acme-support", route(registry, "127.0.0.1", "+15550105").flowId());
    }

    @Test
    public void aBadFileKeepsThePreviousWorkspaceAndAGoodOneReplacesIt() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("ws.json");
        Files.copy(demo(), file);
        registry = new WorkspaceRegistry(config(Map.of("path", file.toString(), "reload.interval.s", 0)));
        assertEquals(Outcome.ROUTED, route(registry, "127.0.0.1", "+15550100").outcome());

        Files.writeString(file, "{\"trunks\": [{\"id\": \"x\"}]}");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 2000));
        registry.reloadIfChanged();
        assertEquals(
                "the previous workspace stays",
                Outcome.ROUTED,
                route(registry, "127.0.0.1", "+15550100").outcome());

        Files.writeString(file, Files.readString(demo()).replace("\"+15550109\"", "\"+15550109\", \"+15550108\""));
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 4000));
        registry.reloadIfChanged();
        assertEquals(Outcome.NO_FLOW, route(registry, "127.0.0.1", "+15550108").outcome());
    }

    @Test
    public void reconfiguringToABadFileKeepsThePreviousWorkspace() throws Exception {
        registry = new WorkspaceRegistry(config(Map.of("path", demo().toString(), "reload.interval.s", 0)));
        Path bad = tmp.getRoot().toPath().resolve("bad.json");
        Files.writeString(bad, "{\"flows\": [{\"id\": \"f\"}]}");
        registry.modified(config(Map.of("path", bad.toString(), "reload.interval.s", 0)));
        assertEquals(Outcome.ROUTED, route(registry, "127.0.0.1", "+15550100").outcome());
        registry.modified(config(
                Map.of("path", tmp.getRoot().toPath().resolve("missing.json").toString())));
        assertEquals(Outcome.ROUTED, route(registry, "127.0.0.1", "+15550100").outcome());
    }

    @Test
    public void attachAndDetachAtRuntime() {
        registry = new WorkspaceRegistry(config(Map.of("path", demo().toString(), "reload.interval.s", 0)));
        registry.attach(new FlowAttachment("zcc-demo", "+15550101", "demo-agent"));
        assertEquals("demo-agent", route(registry, "127.0.0.1", "+15550101").flowId());
        assertTrue(registry.detach("zcc-demo", "+15550101"));
        assertFalse(registry.detach("zcc-demo", "+15550101"));
        assertEquals(Outcome.NO_FLOW, route(registry, "127.0.0.1", "+15550101").outcome());
        assertThrows(
                IllegalArgumentException.class,
                () -> registry.attach(new FlowAttachment("zcc-demo", "+15550101", "nope")));
    }

    @Test
    public void noPathMeansNothingIsRouted() {
        registry = new WorkspaceRegistry(config(Map.of()));
        assertEquals(
                Outcome.SOURCE_NOT_ALLOWED,
                route(registry, "127.0.0.1", "+15550100").outcome());
    }

    /** Keeps what the registry saves, in memory; a fake for this unit test (the store has its own tests). */
    static final class MemoryRepository implements WorkspaceRepository {
        volatile WorkspaceRecord stored;
        volatile WorkspaceSource source;
        final java.util.concurrent.atomic.AtomicLong revision = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicInteger loads = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public long revision() {
            return revision.get();
        }

        @Override
        public java.util.Optional<WorkspaceRecord> load() {
            loads.incrementAndGet();
            return java.util.Optional.ofNullable(stored);
        }

        @Override
        public void replace(WorkspaceRecord w) {
            revision.incrementAndGet();
            stored = w;
            edited();
        }

        @Override
        public void replace(WorkspaceRecord w, String fileHash) {
            revision.incrementAndGet();
            stored = w;
            source = new WorkspaceSource(fileHash, java.time.Instant.now(), false);
        }

        @Override
        public java.util.Optional<WorkspaceSource> source() {
            return java.util.Optional.ofNullable(source);
        }

        private void edited() {
            if (source != null) {
                source = new WorkspaceSource(source.fileHash(), source.importedAt(), true);
            }
        }

        @Override
        public void attach(FlowAttachment a) {
            revision.incrementAndGet();
            edited();
            java.util.List<FlowAttachment> l = new java.util.ArrayList<>(stored.attachments());
            l.removeIf(x -> x.trunkId().equals(a.trunkId()) && x.did().equals(a.did()));
            l.add(a);
            stored = new WorkspaceRecord(stored.trunks(), stored.flows(), l);
        }

        @Override
        public boolean detach(String trunkId, String did) {
            revision.incrementAndGet();
            edited();
            java.util.List<FlowAttachment> l = new java.util.ArrayList<>(stored.attachments());
            boolean removed =
                    l.removeIf(x -> x.trunkId().equals(trunkId) && x.did().equals(did));
            stored = new WorkspaceRecord(stored.trunks(), stored.flows(), l);
            return removed;
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertTrue(condition.getAsBoolean());
    }

    @Test
    public void changesMadeAfterAFileImportSurviveARestartUntilTheFileChanges() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("ws.json");
        Files.copy(demo(), file);
        MemoryRepository store = new MemoryRepository();
        registry = new WorkspaceRegistry(config(Map.of("path", file.toString(), "reload.interval.s", 0)));
        registry.bindRepository(store);
        await(() -> store.source != null);
        registry.detach("zcc-demo", "+15550101");
        assertEquals(Outcome.NO_FLOW, route(registry, "127.0.0.1", "+15550101").outcome());
        registry.deactivate();

        // restart, the store bound after the file was read (as in the container) and before
        registry = new WorkspaceRegistry(config(Map.of("path", file.toString(), "reload.interval.s", 0)));
        registry.bindRepository(store);
        await(() -> route(registry, "127.0.0.1", "+15550101").outcome() == Outcome.NO_FLOW);
        registry.deactivate();
        registry = new WorkspaceRegistry(config(Map.of("path", file.toString(), "reload.interval.s", 0)));
        registry.bindRepository(store);
        registry.modified(config(Map.of("path", file.toString(), "reload.interval.s", 0)));
        assertEquals(
                "the edit is kept",
                Outcome.NO_FLOW,
                route(registry, "127.0.0.1", "+15550101").outcome());

        Files.writeString(file, Files.readString(file).replace("\"demo-agent\"", "\"demo-agent\" "));
        registry.modified(config(Map.of("path", file.toString(), "reload.interval.s", 0)));
        assertEquals(
                "a changed file wins",
                "demo-hangup",
                route(registry, "127.0.0.1", "+15550101").flowId());
        assertFalse(store.source.editedSince());
    }

    @Test
    public void aChangeMadeOnOneNodeTakesEffectOnAnotherSharingTheStoreWithinAPoll() throws Exception {
        MemoryRepository store = new MemoryRepository();
        registry = new WorkspaceRegistry(
                config(Map.of("path", demo().toString(), "reload.interval.s", 0, "store.poll.ms", 100)));
        registry.bindRepository(store);
        await(() -> store.stored != null);
        WorkspaceRegistry other = new WorkspaceRegistry(config(Map.of("path", "", "store.poll.ms", 100)));
        try {
            other.bindRepository(store);
            await(() ->
                    "demo-hangup".equals(route(other, "127.0.0.1", "+15550101").flowId()));

            registry.attach(new FlowAttachment("zcc-demo", "+15550101", "demo-wait"));
            await(() ->
                    "demo-wait".equals(route(other, "127.0.0.1", "+15550101").flowId()));
            other.detach("zcc-demo", "+15550100");
            await(() -> route(registry, "127.0.0.1", "+15550100").outcome() == Outcome.NO_FLOW);

            int loads = store.loads.get();
            Thread.sleep(400);
            assertEquals("no change, no load: a node does not reload its own writes", loads, store.loads.get());
            assertThrows(
                    IllegalArgumentException.class, () -> new WorkspaceRegistry(config(Map.of("store.poll.ms", 5))));
        } finally {
            other.deactivate();
        }
    }

    @Test
    public void anImportedFileIsStoredAndTheStoredWorkspaceServesWithoutAFile() throws Exception {
        MemoryRepository store = new MemoryRepository();
        registry = new WorkspaceRegistry(config(Map.of("path", demo().toString(), "reload.interval.s", 0)));
        registry.bindRepository(store);
        await(() -> store.stored != null);
        assertEquals(7, store.stored.trunks().get(0).dids().size());
        assertEquals(6, store.stored.flows().size());
        registry.detach("zcc-demo", "+15550101");
        assertEquals(5, store.stored.attachments().size());
        registry.deactivate();

        registry = new WorkspaceRegistry(config(Map.of("path", "", "reload.interval.s", 0)));
        assertEquals(
                "nothing before the store binds",
                Outcome.SOURCE_NOT_ALLOWED,
                route(registry, "127.0.0.1", "+15550100").outcome());
        registry.bindRepository(store);
        await(() -> route(registry, "127.0.0.1", "+15550100").outcome() == Outcome.ROUTED);
        assertEquals("demo-agent", route(registry, "127.0.0.1", "+15550100").flowId());
        assertEquals(
                "the detach was kept",
                Outcome.NO_FLOW,
                route(registry, "127.0.0.1", "+15550101").outcome());
        registry.attach(new FlowAttachment("zcc-demo", "+15550101", "demo-wait"));
        assertEquals(6, store.stored.attachments().size());
    }

    @Test
    public void aVoiceNoInstalledSynthesizerHasIsRejected() {
        registry = new WorkspaceRegistry(config(Map.of("path", demo().toString(), "reload.interval.s", 0)));
        String withVoice = registry.exportWorkspace()
                .replace(
                        "\"message\":\"Connecting you to an agent.",
                        "\"voice\":\"alan\",\"message\":\"Connecting you to an agent.");
        assertTrue(withVoice.contains("alan"));
        assertEquals("no synthesizer installed: not checked", java.util.List.of(), registry.checkWorkspace(withVoice));
        org.switchboard.api.speech.SpeechSynthesizer tts = (text, voice) -> null;
        registry.bindSynthesizer(
                tts, Map.of(org.switchboard.api.speech.SpeechSynthesizer.VOICES, new String[] {"kevin", "kevin16"}));
        java.util.List<String> problems = registry.importWorkspace(withVoice);
        assertEquals(1, problems.size());
        assertTrue(
                problems.get(0),
                problems.get(0)
                        .matches(
                                "flows\\[\\d\\]\\.nodes\\.[a-z-]+\\.settings\\.voice "
                                        + "\\(node '[a-z-]+'\\): unknown voice 'alan'; the installed synthesizers have: kevin, kevin16"));
        assertEquals(java.util.List.of(), registry.checkWorkspace(withVoice.replace("alan", "kevin16")));
        registry.unbindSynthesizer(tts);
        assertEquals(java.util.List.of(), registry.checkWorkspace(withVoice));
    }

    @Test
    public void theWorkspaceExportsAndImportsAllOrNothing() {
        registry = new WorkspaceRegistry(config(Map.of("path", demo().toString(), "reload.interval.s", 0)));
        String exported = registry.exportWorkspace();
        assertTrue(
                exported,
                exported.contains("\"bots\":[{\"id\":\"st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0\","
                        + "\"name\":\"Acme support\""));
        assertEquals(java.util.List.of(), registry.checkWorkspace(exported));

        String broken = exported.replace("\"adapter\":\"zcc\"", "\"adapter\":\"ZCC!\"")
                .replace("\"type\":\"hangup\"", "\"type\":\"hangUp\"");
        java.util.List<String> problems = registry.importWorkspace(broken);
        assertTrue(problems.toString(), problems.get(0).startsWith("trunks[0].adapter: 'ZCC!' is not an adapter type"));
        assertTrue(problems.toString(), problems.stream().anyMatch(p -> p.contains("unknown node type 'hangUp'")));
        assertTrue(problems.toString(), problems.stream().anyMatch(p -> p.startsWith("attachments[0].trunk")));
        assertEquals(
                "nothing changed",
                "demo-agent",
                route(registry, "127.0.0.1", "+15550100").flowId());

        String moved = exported.replace(
                "{\"trunk\":\"zcc-demo\",\"did\":\"+15550100\",\"flow\":\"demo-agent\"}",
                "{\"trunk\":\"zcc-demo\",\"did\":\"+15550100\",\"flow\":\"demo-hangup\"}");
        assertTrue(moved, !moved.equals(exported));
        assertEquals(java.util.List.of(), registry.importWorkspace(moved));
        assertEquals("demo-hangup", route(registry, "127.0.0.1", "+15550100").flowId());
        assertEquals(moved, registry.exportWorkspace());
    }
}
