package org.switchboard.flow.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.assistant.AssistantFactory;
import org.switchboard.api.assistant.VirtualAssistant;
import org.switchboard.api.bot.BotRepository;
import org.switchboard.api.flow.FlowRegistry;
import org.switchboard.api.speech.SpeechSynthesizer;
import org.switchboard.api.store.FlowAttachment;
import org.switchboard.api.store.WorkspaceRecord;
import org.switchboard.api.store.WorkspaceRepository;
import org.switchboard.api.store.WorkspaceSource;
import org.switchboard.flow.internal.model.Flow;
import org.switchboard.flow.internal.model.Problem;
import org.switchboard.flow.internal.routing.WorkspaceInForce;
import org.switchboard.flow.internal.runtime.Assistants;
import org.switchboard.flow.internal.runtime.Voices;
import org.switchboard.flow.internal.workspace.Workspace;
import org.switchboard.flow.internal.workspace.WorkspaceParser;
import org.switchboard.flow.internal.workspace.WorkspaceRecords;

/**
 * The flow-attachment registry over the workspace: imports the configured workspace file at start and whenever
 * it changes, all or nothing (a file with errors is rejected with every problem logged by path, and the previous
 * workspace stays in force). When the store is present, an imported file is saved to it, and without a configured
 * file the stored workspace is used (validated again when loaded); a change another node of a cluster stored is
 * followed. Calls are routed over the snapshot in force by {@code routing.CallRouter}, which takes it through
 * {@link WorkspaceInForce}; the flows it holds are run by {@link FlowRuntime}, which takes them through
 * {@link FlowSource}.
 *
 * <p>It is longer than most classes on purpose: the workspace file, the store (this node's writes and other nodes')
 * and the admin API's edits all change one snapshot under one lock, and which of them wins is decided here, in one
 * place, rather than spread over classes that would have to share that lock.
 */
@Component(
        service = {FlowRegistry.class, FlowSource.class, WorkspaceInForce.class},
        immediate = true,
        configurationPid = WorkspaceRegistry.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = WorkspaceConfig.class)
public class WorkspaceRegistry implements FlowRegistry, FlowSource, WorkspaceInForce {

    /** The configuration PID. */
    public static final String PID = "org.switchboard.workspace";

    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceRegistry.class);

    private final AtomicReference<Workspace> current = new AtomicReference<>(Workspace.EMPTY);
    private final ScheduledExecutorService timer;
    private final Assistants assistants = new Assistants();
    private final Voices voices = new Voices();
    private volatile Path path;
    private volatile WorkspaceRepository repository;
    private volatile BotRepository bots;
    private volatile WorkspaceRecord record;
    private volatile boolean fromFile;
    private volatile String fileHash;
    private volatile String loadedStamp;
    private ScheduledFuture<?> watch;
    private ScheduledFuture<?> storePoll;
    private final StoreRevisions revisions = new StoreRevisions();

    @Activate
    public WorkspaceRegistry(WorkspaceConfig config) {
        check(config);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "workspace-watch");
            t.setDaemon(true);
            return t;
        });
        apply(config);
    }

    /**
     * A new configuration (another file, other intervals) applies in place: the component is not recreated, so a
     * new file with errors leaves the previous workspace in force.
     */
    @Modified
    void modified(WorkspaceConfig config) {
        check(config);
        apply(config);
    }

    private static void check(WorkspaceConfig config) {
        if (config.store_poll_ms() < 100 || config.store_poll_ms() > 60_000) {
            String message = "PID " + PID + ": property 'store.poll.ms' = '" + config.store_poll_ms()
                    + "': must be between 100 and 60000";
            LOG.error(message);
            throw new IllegalArgumentException(message);
        }
    }

    private synchronized void apply(WorkspaceConfig config) {
        if (watch != null) {
            watch.cancel(false);
            storePoll.cancel(false);
        }
        path = config.path().isBlank()
                ? null
                : Paths.get(config.path()).toAbsolutePath().normalize();
        loadedStamp = null;
        if (path == null) {
            LOG.info(
                    "No workspace file configured (PID {} property 'path'): the current workspace stays ({} trunk(s))",
                    PID,
                    current.get().trunks().size());
        } else {
            reloadIfChanged();
        }
        int every = config.reload_interval_s();
        watch = timer.scheduleWithFixedDelay(
                () -> {
                    if (every > 0 && path != null) {
                        reloadIfChanged();
                    }
                },
                Math.max(every, 1),
                Math.max(every, 1),
                TimeUnit.SECONDS);
        storePoll = timer.scheduleWithFixedDelay(
                this::followStore, config.store_poll_ms(), config.store_poll_ms(), TimeUnit.MILLISECONDS);
    }

    /**
     * Adopts the stored workspace when its revision moved by a change this node did not make (another node of the
     * cluster imported, edited, attached or detached): it is validated like any stored workspace, and calls in
     * progress keep the flows they started with. Holds the registry's lock, so a change made here meanwhile is
     * either before the revision is read or after it is handled.
     */
    synchronized void followStore() {
        WorkspaceRepository r = repository;
        if (r == null) {
            return;
        }
        long revision;
        try {
            revision = r.revision();
        } catch (RuntimeException e) {
            return; // the store is unreachable: the workspace in force stays, and is compared again when it is back
        }
        if (!revisions.moved(revision)) {
            return;
        }
        try {
            Optional<WorkspaceRecord> stored = r.load();
            if (stored.isEmpty() || stored.get().equals(record)) {
                return;
            }
        } catch (RuntimeException e) {
            LOG.warn("The stored workspace (revision {}) could not be read: {}", revision, e.getMessage());
            revisions.forget();
            return;
        }
        useStored(r, "revision " + revision + ", changed on another node");
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    void reloadIfChanged() {
        Path path = this.path;
        try {
            String stamp = Files.getLastModifiedTime(path).toMillis() + ":" + Files.size(path);
            if (stamp.equals(loadedStamp)) {
                return;
            }
            loadedStamp = stamp;
            load(path, Files.readString(path));
        } catch (IOException e) {
            if (!Objects.equals(loadedStamp, "unreadable")) {
                LOG.error(
                        "Workspace {} cannot be read ({}); the previous workspace stays in force", path, e.toString());
                loadedStamp = "unreadable";
            }
        } catch (RuntimeException e) {
            LOG.error("Workspace {} could not be imported; the previous workspace stays in force", path, e);
        }
    }

    private void load(Path path, String text) {
        String hash = sha256(text);
        Optional<WorkspaceSource> edited = storedSource().filter(WorkspaceSource::editedSince);
        if (edited.isPresent() && edited.get().fileHash().equals(hash)) {
            WorkspaceRepository r = repository;
            if (r != null
                    && useStored(
                            r,
                            "the workspace file " + path + " is unchanged since it was imported; the "
                                    + "store's copy, changed since through the admin API, stays in force (change the file to replace it)")) {
                return;
            }
        } else if (edited.isPresent()) {
            LOG.warn(
                    "Workspace file {} changed since it was last imported: importing it replaces the changes made "
                            + "through the admin API since",
                    path);
        }
        List<Problem> problems = use(text, path.toString(), hash);
        if (!problems.isEmpty()) {
            StringBuilder b = new StringBuilder();
            problems.forEach(p -> b.append(System.lineSeparator()).append("  ").append(p));
            LOG.error(
                    "Workspace {} rejected with {} problem(s); the previous workspace stays in force:{}",
                    path,
                    problems.size(),
                    b);
        }
    }

    /**
     * Puts a valid document in force (and in the store) or returns its problems and changes nothing; {@code hash} is
     * the SHA-256 of a workspace file, null for a document from the admin API.
     */
    private synchronized List<Problem> use(String text, String source, String hash) {
        List<Problem> problems = new ArrayList<>();
        Optional<Workspace> parsed = WorkspaceParser.parse(text, problems);
        parsed.ifPresent(w -> checkInstalled(w, problems));
        if (!problems.isEmpty()) {
            return problems;
        }
        Workspace w = parsed.get();
        current.set(w);
        record = WorkspaceRecords.fromDocument(text, w);
        fromFile = true;
        fileHash = hash;
        save();
        WorkspaceBots.ensure(bots, w);
        LOG.info(
                "Workspace {} imported: {} bot(s), {} trunk(s), {} flow(s), {} attachment(s)",
                source,
                w.bots().size(),
                w.trunks().size(),
                w.flows().size(),
                w.attachments().size());
        return List.of();
    }

    @Override
    public String exportWorkspace() {
        WorkspaceRecord r = record;
        if (r == null) {
            r = new WorkspaceRecord(List.of(), List.of(), current.get().attachments());
        }
        return WorkspaceRecords.toDocument(r, WorkspaceBots.specs(bots, current.get()));
    }

    @Override
    public List<String> checkWorkspace(String document) {
        List<Problem> problems = new ArrayList<>();
        WorkspaceParser.parse(document, problems).ifPresent(w -> checkInstalled(w, problems));
        return problems.stream().map(Problem::toString).toList();
    }

    /** The checks that depend on what is installed: assistant definitions, voices, trunks' password files. */
    private void checkInstalled(Workspace w, List<Problem> problems) {
        List<Flow> flows = List.copyOf(w.flows().values());
        assistants.check(flows, problems);
        voices.check(flows, problems);
        WorkspaceParser.checkPasswordFiles(w, problems);
    }

    @Override
    public List<String> importWorkspace(String document) {
        return use(document, "from the admin API", null).stream()
                .map(Problem::toString)
                .toList();
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRepository(WorkspaceRepository r) {
        repository = r;
        timer.execute(this::syncWithStore);
    }

    void unbindRepository(WorkspaceRepository r) {
        if (repository == r) {
            repository = null;
        }
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAssistantFactory(AssistantFactory f, Map<String, Object> properties) {
        assistants.addFactory(f, properties);
    }

    void unbindAssistantFactory(AssistantFactory f) {
        assistants.removeFactory(f);
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAssistant(VirtualAssistant a, Map<String, Object> properties) {
        assistants.addService(a, properties);
    }

    void unbindAssistant(VirtualAssistant a) {
        assistants.removeService(a);
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSynthesizer(SpeechSynthesizer s, Map<String, Object> properties) {
        voices.add(s, properties);
    }

    void unbindSynthesizer(SpeechSynthesizer s) {
        voices.remove(s);
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindBots(BotRepository r) {
        bots = r;
        timer.execute(() -> WorkspaceBots.ensure(bots, current.get()));
    }

    void unbindBots(BotRepository r) {
        if (bots == r) {
            bots = null;
        }
    }

    /** A file-imported workspace goes to the store; with no file configured the stored one is used. */
    private synchronized void syncWithStore() {
        WorkspaceRepository r = repository;
        if (r == null) {
            return;
        }
        revisions.baseline(StoreRevisions.read(r));
        if (fromFile) {
            String hash = fileHash;
            if (hash == null
                    || !keepStored(hash)
                    || !useStored(
                            r,
                            "the workspace file is unchanged since it was "
                                    + "imported; the store's copy, changed since through the admin API, stays in force")) {
                save();
            }
            return;
        }
        if (path != null) {
            return; // the configured file failed to import: neither it nor the store's copy replaces what is in force
        }
        useStored(r, "no workspace file configured");
    }

    /** Whether the store holds changes made after it imported exactly this file content. */
    private boolean keepStored(String hash) {
        return storedSource()
                .filter(s -> s.fileHash().equals(hash) && s.editedSince())
                .isPresent();
    }

    /** Where the stored workspace came from; empty without a store or when that cannot be read (logged). */
    private Optional<WorkspaceSource> storedSource() {
        WorkspaceRepository r = repository;
        if (r == null) {
            return Optional.empty();
        }
        try {
            return r.source();
        } catch (RuntimeException e) {
            LOG.warn("The stored workspace's origin could not be read: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Puts the stored workspace in force; false when there is none or it is not valid (which is logged). */
    private synchronized boolean useStored(WorkspaceRepository r, String why) {
        try {
            Optional<WorkspaceRecord> stored = r.load();
            if (stored.isEmpty()) {
                LOG.info("No workspace stored yet ({})", why);
                return false;
            }
            List<Problem> problems = new ArrayList<>();
            Optional<Workspace> parsed =
                    WorkspaceParser.parse(WorkspaceRecords.toDocument(stored.get()), problems, false);
            if (parsed.isEmpty()) {
                LOG.error(
                        "The stored workspace is not valid ({} problem(s), first: {}); it is not used",
                        problems.size(),
                        problems.get(0));
                return false;
            }
            List<String> botless = WorkspaceParser.flowsWithoutBot(parsed.get());
            if (!botless.isEmpty()) {
                LOG.warn(
                        "Stored flow(s) {} have no bot: their calls are answered without kore-bot_id and their "
                                + "conversations cannot be read through the API; give each a botId",
                        botless);
            }
            current.set(parsed.get());
            record = stored.get();
            fromFile = false;
            fileHash = null;
            WorkspaceBots.ensure(bots, parsed.get());
            LOG.info(
                    "Workspace loaded from the store ({}): {} trunk(s), {} flow(s), {} attachment(s)",
                    why,
                    parsed.get().trunks().size(),
                    parsed.get().flows().size(),
                    parsed.get().attachments().size());
            return true;
        } catch (RuntimeException e) {
            LOG.error("The stored workspace could not be read: {}", e.getMessage());
            return false;
        }
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void save() {
        WorkspaceRepository r = repository;
        WorkspaceRecord w = record;
        if (r == null || w == null) {
            return;
        }
        try {
            String hash = fileHash;
            revisions.writing(r, () -> {
                if (hash == null) {
                    r.replace(w);
                } else {
                    r.replace(w, hash);
                }
            });
            LOG.info(
                    "Workspace saved to the store ({} trunk(s), {} flow(s), {} attachment(s))",
                    w.trunks().size(),
                    w.flows().size(),
                    w.attachments().size());
        } catch (RuntimeException e) {
            LOG.error("The workspace could not be saved to the store: {}", e.getMessage());
        }
    }

    @Override
    public Workspace current() {
        return current.get();
    }

    @Override
    public List<FlowAttachment> attachments() {
        return current.get().attachments();
    }

    @Override
    public synchronized void attach(FlowAttachment attachment) {
        current.updateAndGet(w -> w.attach(attachment));
        record = withAttachments(current.get());
        WorkspaceRepository r = repository;
        if (r != null) {
            revisions.writing(r, () -> r.attach(attachment));
        }
        LOG.info("Attached flow '{}' to {} on trunk '{}'", attachment.flowId(), attachment.did(), attachment.trunkId());
    }

    @Override
    public synchronized boolean detach(String trunkId, String did) {
        Workspace before = current.get();
        Workspace after = current.updateAndGet(w -> w.detach(trunkId, did));
        boolean changed = before != after;
        if (changed) {
            record = withAttachments(after);
            WorkspaceRepository r = repository;
            if (r != null) {
                revisions.writing(r, () -> r.detach(trunkId, did));
            }
            LOG.info("Detached {} on trunk '{}'", did, trunkId);
        }
        return changed;
    }

    @Override
    public Optional<Flow> flow(String flowId) {
        return current.get().flow(flowId);
    }

    @Override
    public Map<String, Map<String, String>> headerSets() {
        return current.get().headerSets();
    }

    @Override
    public Assistants assistants() {
        return assistants;
    }

    private WorkspaceRecord withAttachments(Workspace w) {
        WorkspaceRecord r = record;
        return r == null ? null : new WorkspaceRecord(r.trunks(), r.flows(), w.attachments(), r.headerSets());
    }
}
