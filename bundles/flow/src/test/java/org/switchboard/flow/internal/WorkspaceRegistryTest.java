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
import org.switchboard.api.store.FlowAttachment;
import org.switchboard.api.flow.Resolution.Status;
import org.switchboard.api.store.WorkspaceRecord;
import org.switchboard.api.store.WorkspaceRepository;
import org.switchboard.api.store.WorkspaceSource;
import org.switchboard.flow.internal.workspace.FqdnResolverTest;

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

    private static Path demo() {
        return Paths.get("../../examples/workspace/demo.json").toAbsolutePath().normalize();
    }

    @Test
    public void theShippedDemoWorkspaceIsValidAndRoutes() {
        registry = new WorkspaceRegistry(config(Map.of("path", demo().toString(), "reload.interval.s", 0)));
        assertEquals("demo-agent", registry.resolve("127.0.0.1", "+15550100").flowId());
        assertEquals("demo-hangup", registry.resolve("::1", "15550101").flowId());
        assertEquals(Status.UNKNOWN_DID, registry.resolve("127.0.0.1", "+15550999").status());
        assertEquals(Status.SOURCE_NOT_ALLOWED, registry.resolve("192.0.2.1", "+15550100").status());
        assertEquals(Status.SOURCE_NOT_ALLOWED, registry.resolve("localhost", "+15550100").status()); // never a DNS look-up
        assertEquals(Status.NO_FLOW, registry.resolve("127.0.0.1", "+15550109").status());
        assertEquals(6, registry.attachments().size());
        assertEquals("acme-support", registry.resolve("127.0.0.1", "+15550105").flowId());
    }

    @Test
    public void aBadFileKeepsThePreviousWorkspaceAndAGoodOneReplacesIt() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("ws.json");
        Files.copy(demo(), file);
        registry = new WorkspaceRegistry(config(Map.of("path", file.toString(), "reload.interval.s", 0)));
        assertEquals(Status.ROUTED, registry.resolve("127.0.0.1", "+15550100").status());

        Files.writeString(file, "{\"trunks\": [{\"id\": \"x\"}]}");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 2000));
        registry.reloadIfChanged();
        assertEquals("the previous workspace stays", Status.ROUTED, registry.resolve("127.0.0.1", "+15550100").status());

        Files.writeString(file, Files.readString(demo()).replace("\"+15550109\"", "\"+15550109\", \"+15550108\""));
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 4000));
        registry.reloadIfChanged();
        assertEquals(Status.NO_FLOW, registry.resolve("127.0.0.1", "+15550108").status());
    }

    @Test
    public void reconfiguringToABadFileKeepsThePreviousWorkspace() throws Exception {
        registry = new WorkspaceRegistry(config(Map.of("path", demo().toString(), "reload.interval.s", 0)));
        Path bad = tmp.getRoot().toPath().resolve("bad.json");
        Files.writeString(bad, "{\"flows\": [{\"id\": \"f\"}]}");
        registry.modified(config(Map.of("path", bad.toString(), "reload.interval.s", 0)));
        assertEquals(Status.ROUTED, registry.resolve("127.0.0.1", "+15550100").status());
        registry.modified(config(Map.of("path", tmp.getRoot().toPath().resolve("missing.json").toString())));
        assertEquals(Status.ROUTED, registry.resolve("127.0.0.1", "+15550100").status());
    }

    @Test
    public void attachAndDetachAtRuntime() {
        registry = new WorkspaceRegistry(config(Map.of("path", demo().toString(), "reload.interval.s", 0)));
        registry.attach(new FlowAttachment("zcc-demo", "+15550101", "demo-agent"));
        assertEquals("demo-agent", registry.resolve("127.0.0.1", "+15550101").flowId());
        assertTrue(registry.detach("zcc-demo", "+15550101"));
        assertFalse(registry.detach("zcc-demo", "+15550101"));
        assertEquals(Status.NO_FLOW, registry.resolve("127.0.0.1", "+15550101").status());
        assertThrows(IllegalArgumentException.class, () -> registry.attach(new FlowAttachment("zcc-demo", "+15550101", "nope")));
    }

    @Test
    public void noPathMeansNothingIsRoutedAndBadRefreshIsRejected() {
        registry = new WorkspaceRegistry(config(Map.of()));
        assertEquals(Status.SOURCE_NOT_ALLOWED, registry.resolve("127.0.0.1", "+15550100").status());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WorkspaceRegistry(config(Map.of("fqdn.refresh.s", 1))));
        assertTrue(e.getMessage(), e.getMessage().contains("PID org.switchboard.workspace: property 'fqdn.refresh.s' = '1'"));
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
            boolean removed = l.removeIf(x -> x.trunkId().equals(trunkId) && x.did().equals(did));
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
        assertEquals(Status.NO_FLOW, registry.resolve("127.0.0.1", "+15550101").status());
        registry.deactivate();

        // restart, the store bound after the file was read (as in the container) and before
        registry = new WorkspaceRegistry(config(Map.of("path", file.toString(), "reload.interval.s", 0)));
        registry.bindRepository(store);
        await(() -> registry.resolve("127.0.0.1", "+15550101").status() == Status.NO_FLOW);
        registry.deactivate();
        registry = new WorkspaceRegistry(config(Map.of("path", file.toString(), "reload.interval.s", 0)));
        registry.bindRepository(store);
        registry.modified(config(Map.of("path", file.toString(), "reload.interval.s", 0)));
        assertEquals("the edit is kept", Status.NO_FLOW, registry.resolve("127.0.0.1", "+15550101").status());

        Files.writeString(file, Files.readString(file).replace("\"demo-agent\"", "\"demo-agent\" "));
        registry.modified(config(Map.of("path", file.toString(), "reload.interval.s", 0)));
        assertEquals("a changed file wins", "demo-hangup", registry.resolve("127.0.0.1", "+15550101").flowId());
        assertFalse(store.source.editedSince());
    }

    @Test
    public void aChangeMadeOnOneNodeTakesEffectOnAnotherSharingTheStoreWithinAPoll() throws Exception {
        MemoryRepository store = new MemoryRepository();
        registry = new WorkspaceRegistry(config(Map.of("path", demo().toString(), "reload.interval.s", 0,
                "store.poll.ms", 100)));
        registry.bindRepository(store);
        await(() -> store.stored != null);
        WorkspaceRegistry other = new WorkspaceRegistry(config(Map.of("path", "", "store.poll.ms", 100)));
        try {
            other.bindRepository(store);
            await(() -> "demo-hangup".equals(other.resolve("127.0.0.1", "+15550101").flowId()));

            registry.attach(new FlowAttachment("zcc-demo", "+15550101", "demo-wait"));
            await(() -> "demo-wait".equals(other.resolve("127.0.0.1", "+15550101").flowId()));
            other.detach("zcc-demo", "+15550100");
            await(() -> registry.resolve("127.0.0.1", "+15550100").status() == Status.NO_FLOW);

            int loads = store.loads.get();
            Thread.sleep(400);
            assertEquals("no change, no load: a node does not reload its own writes", loads, store.loads.get());
            assertThrows(IllegalArgumentException.class, () -> new WorkspaceRegistry(config(Map.of("store.poll.ms", 5))));
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
        assertEquals("nothing before the store binds", Status.SOURCE_NOT_ALLOWED,
                registry.resolve("127.0.0.1", "+15550100").status());
        registry.bindRepository(store);
        await(() -> registry.resolve("127.0.0.1", "+15550100").status() == Status.ROUTED);
        assertEquals("demo-agent", registry.resolve("127.0.0.1", "+15550100").flowId());
        assertEquals("the detach was kept", Status.NO_FLOW, registry.resolve("127.0.0.1", "+15550101").status());
        registry.attach(new FlowAttachment("zcc-demo", "+15550101", "demo-wait"));
        assertEquals(6, store.stored.attachments().size());
    }

    @Test
    public void aTrunkFqdnResolvedBySrvAllowsItsTargets() throws Exception {
        try (FqdnResolverTest.TinyDns dns = new FqdnResolverTest.TinyDns(Map.of(
                "_sip._tcp.zcc.test", Map.of(33, java.util.List.of(FqdnResolverTest.srv(1, 1, 5061, "sbc.zcc.test"))),
                "sbc.zcc.test", Map.of(1, java.util.List.of(FqdnResolverTest.ip("10.1.2.3")))))) {
            Path file = tmp.getRoot().toPath().resolve("srv.json");
            Files.writeString(file, "{\"trunks\": [{\"id\": \"zcc\", \"adapter\": \"zcc\", \"fqdn\": \"zcc.test\", "
                    + "\"resolve\": \"srv\", \"transport\": \"tcp\", \"dids\": [\"+15550100\"]}], \"flows\": [{\"id\": \"f\", "
                    + "\"botId\": \"st-00000000-0000-4000-8000-000000000001\", \"start\": \"bye\", \"nodes\": [{\"id\": \"bye\", \"type\": \"hangup\"}]}], "
                    + "\"attachments\": [{\"trunk\": \"zcc\", \"did\": \"+15550100\", \"flow\": \"f\"}]}");
            registry = new WorkspaceRegistry(config(Map.of("path", file.toString(), "reload.interval.s", 0,
                    "dns.server", "127.0.0.1:" + dns.port())));
            await(() -> registry.resolve("10.1.2.3", "+15550100").status() == Status.ROUTED);
            assertEquals(Status.SOURCE_NOT_ALLOWED, registry.resolve("10.1.2.4", "+15550100").status());
        }
    }

    @Test
    public void aVoiceNoInstalledSynthesizerHasIsRejected() {
        registry = new WorkspaceRegistry(config(Map.of("path", demo().toString(), "reload.interval.s", 0)));
        String withVoice = registry.exportWorkspace().replace("\"message\":\"Connecting you to an agent.",
                "\"voice\":\"alan\",\"message\":\"Connecting you to an agent.");
        assertTrue(withVoice.contains("alan"));
        assertEquals("no synthesizer installed: not checked", java.util.List.of(), registry.checkWorkspace(withVoice));
        org.switchboard.api.speech.SpeechSynthesizer tts = (text, voice) -> null;
        registry.bindSynthesizer(tts, Map.of(org.switchboard.api.speech.SpeechSynthesizer.VOICES,
                new String[] {"kevin", "kevin16"}));
        java.util.List<String> problems = registry.importWorkspace(withVoice);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0), problems.get(0).matches("flows\\[\\d\\]\\.nodes\\.[a-z-]+\\.settings\\.voice "
                + "\\(node '[a-z-]+'\\): unknown voice 'alan'; the installed synthesizers have: kevin, kevin16"));
        assertEquals(java.util.List.of(), registry.checkWorkspace(withVoice.replace("alan", "kevin16")));
        registry.unbindSynthesizer(tts);
        assertEquals(java.util.List.of(), registry.checkWorkspace(withVoice));
    }

    @Test
    public void theWorkspaceExportsAndImportsAllOrNothing() {
        registry = new WorkspaceRegistry(config(Map.of("path", demo().toString(), "reload.interval.s", 0)));
        String exported = registry.exportWorkspace();
        assertTrue(exported, exported.contains("\"bots\":[{\"id\":\"st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0\","
                + "\"name\":\"Acme support\""));
        assertEquals(java.util.List.of(), registry.checkWorkspace(exported));

        String broken = exported.replace("\"adapter\":\"zcc\"", "\"adapter\":\"ZCC!\"")
                .replace("\"type\":\"hangup\"", "\"type\":\"hangUp\"");
        java.util.List<String> problems = registry.importWorkspace(broken);
        assertTrue(problems.toString(), problems.get(0).startsWith("trunks[0].adapter: 'ZCC!' is not an adapter type"));
        assertTrue(problems.toString(), problems.stream().anyMatch(p -> p.contains("unknown node type 'hangUp'")));
        assertTrue(problems.toString(), problems.stream().anyMatch(p -> p.startsWith("attachments[0].trunk")));
        assertEquals("nothing changed", "demo-agent", registry.resolve("127.0.0.1", "+15550100").flowId());

        String moved = exported.replace("{\"trunk\":\"zcc-demo\",\"did\":\"+15550100\",\"flow\":\"demo-agent\"}",
                "{\"trunk\":\"zcc-demo\",\"did\":\"+15550100\",\"flow\":\"demo-hangup\"}");
        assertTrue(moved, !moved.equals(exported));
        assertEquals(java.util.List.of(), registry.importWorkspace(moved));
        assertEquals("demo-hangup", registry.resolve("127.0.0.1", "+15550100").flowId());
        assertEquals(moved, registry.exportWorkspace());
    }
}
