package org.switchboard.runtime.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.deploy.Deployments;

/**
 * The deploy directory: a bundle file dropped there is installed and started; a file with a newer version of an
 * installed bundle is installed beside it, started, and only then the older one is uninstalled (so a bundle that
 * does not resolve or start is reported and the running version keeps serving); a file that is changed in place with
 * the same version updates its bundle; removing a file uninstalls its bundle. Files still being written (changed in
 * the last half second) wait for the next look. Bundles it installed carry the location {@code deploy:<file URI>}
 * and are reconciled with the directory at start.
 */
@Component(
        immediate = true,
        configurationPid = DeployDirectory.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = Deployments.class)
@Designate(ocd = DeployConfig.class)
public final class DeployDirectory implements Deployments {

    /** The configuration PID. */
    public static final String PID = "org.switchboard.deploy";

    static final String LOCATION = "deploy:";

    private static final Logger LOG = LoggerFactory.getLogger(DeployDirectory.class);
    private static final long SETTLE_MS = 500;
    private static final int MAX_OUTCOMES = 100;
    private static final Pattern UPLOAD_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}\\.jar");

    private final BundleContext context;
    private final Path dir;
    private final ScheduledExecutorService poller;
    private final Map<Path, Deployed> deployed = new HashMap<>();
    private final Map<Path, Stamp> refused = new HashMap<>();
    private final Deque<Outcome> outcomes = new ArrayDeque<>();

    private record Stamp(long modified, long size) {}

    private record Deployed(long bundleId, Stamp stamp) {}

    private record Candidate(String symbolicName, Version version, boolean singleton) {}

    @Activate
    public DeployDirectory(BundleContext context, DeployConfig config) {
        this.context = context;
        if (config.poll_interval_ms() < 100 || config.poll_interval_ms() > 60_000) {
            IllegalArgumentException e = new IllegalArgumentException("PID " + PID + ": property 'poll.interval.ms' = '"
                    + config.poll_interval_ms() + "': must be between 100 and 60000");
            LOG.error("Deploy directory not watched: {}", e.getMessage());
            throw e;
        }
        dir = config.dir().isBlank()
                ? DataDirectory.of(context).resolveSibling("deploy")
                : Paths.get(config.dir().trim()).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            LOG.error("Deploy directory {} cannot be created: {}", dir, e.toString());
        }
        for (Bundle b : context.getBundles()) {
            Path file = fileOf(b.getLocation());
            if (file != null && file.startsWith(dir)) {
                deployed.put(file, new Deployed(b.getBundleId(), stamp(file)));
            }
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "deploy-directory");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::scan, 0, config.poll_interval_ms(), TimeUnit.MILLISECONDS);
        LOG.info("Deploy directory {} watched (every {} ms)", dir, config.poll_interval_ms());
    }

    static Path fileOf(String location) {
        if (location == null || !location.startsWith(LOCATION)) {
            return null;
        }
        try {
            return Paths.get(URI.create(location.substring(LOCATION.length())));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Stamp stamp(Path file) {
        try {
            return new Stamp(Files.getLastModifiedTime(file).toMillis(), Files.size(file));
        } catch (IOException e) {
            return null;
        }
    }

    private void scan() {
        try {
            Map<Path, Stamp> files = new HashMap<>();
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.jar")) {
                    for (Path f : s) {
                        Stamp st = stamp(f);
                        if (st != null && Files.isRegularFile(f)) {
                            files.put(f.toAbsolutePath().normalize(), st);
                        }
                    }
                }
            }
            for (Path gone : new ArrayList<>(deployed.keySet())) {
                if (!files.containsKey(gone)) {
                    remove(gone);
                }
            }
            refused.keySet().retainAll(files.keySet());
            long now = System.currentTimeMillis();
            files.forEach((file, st) -> {
                Deployed d = deployed.get(file);
                boolean known = d != null && st.equals(d.stamp) || st.equals(refused.get(file));
                if (!known && now - st.modified >= SETTLE_MS) {
                    deploy(file, st);
                }
            });
        } catch (IOException | RuntimeException e) {
            LOG.error("Deploy directory {}: {}", dir, e.toString(), e);
        }
    }

    private void remove(Path file) {
        Deployed d = deployed.remove(file);
        Bundle b = context.getBundle(d.bundleId);
        if (b == null) {
            return;
        }
        try {
            String name = describe(b);
            b.uninstall();
            refresh(List.of(b));
            done(file, "removed, " + name + " uninstalled");
        } catch (BundleException | IllegalStateException e) {
            failed(file, "removed but its bundle could not be uninstalled: " + e);
        }
    }

    private void deploy(Path file, Stamp stamp) {
        Candidate c;
        try {
            c = candidate(file);
        } catch (IOException | IllegalArgumentException e) {
            refused.put(file, stamp);
            failed(file, "refused: " + e.getMessage());
            return;
        }
        Deployed mine = deployed.get(file);
        Bundle previous = mine != null ? context.getBundle(mine.bundleId) : null;
        if (previous == null) {
            previous = installed(c.symbolicName);
        }
        if (previous != null && previous.getVersion().compareTo(c.version) > 0) {
            refused.put(file, stamp);
            failed(
                    file,
                    "refused: " + c.symbolicName + " " + c.version + " is older than the installed "
                            + previous.getVersion());
            return;
        }
        try {
            if (previous != null && (previous.getVersion().equals(c.version) || c.singleton)) {
                try (InputStream in = Files.newInputStream(file)) {
                    previous.update(in);
                }
                refresh(List.of(previous));
                start(previous);
                deployed.put(file, new Deployed(previous.getBundleId(), stamp));
                done(file, "updated " + describe(previous) + " in place");
                return;
            }
            Bundle b;
            try (InputStream in = Files.newInputStream(file)) {
                b = context.installBundle(LOCATION + file.toUri(), in);
            }
            try {
                start(b);
            } catch (BundleException e) {
                b.uninstall();
                refused.put(file, stamp);
                failed(
                        file,
                        "(" + c.symbolicName + " " + c.version + ") does not start: " + e.getMessage()
                                + (previous == null ? "" : "; " + describe(previous) + " keeps running"));
                return;
            }
            deployed.put(file, new Deployed(b.getBundleId(), stamp));
            if (previous != null) {
                String old = describe(previous);
                Path oldFile = fileOf(previous.getLocation());
                previous.uninstall();
                if (oldFile != null && deployed.remove(oldFile) != null) {
                    Stamp superseded = stamp(oldFile);
                    if (superseded != null) {
                        refused.put(oldFile, superseded); // left alone until it changes; removing it does nothing
                    }
                }
                refresh(List.of(previous, b));
                done(file, "installed " + describe(b) + ", replacing " + old);
            } else {
                done(file, "installed " + describe(b));
            }
        } catch (BundleException | IOException | IllegalStateException e) {
            refused.put(file, stamp);
            failed(file, "(" + c.symbolicName + " " + c.version + ") failed: " + e);
        }
    }

    private static void start(Bundle b) throws BundleException {
        if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
            b.start();
        }
    }

    private static Candidate candidate(Path file) throws IOException {
        Manifest m;
        try (JarFile jar = new JarFile(file.toFile())) {
            m = jar.getManifest();
        } catch (IOException e) {
            throw new IOException("not a jar file (" + e.getMessage() + ")", e);
        }
        return candidate(m);
    }

    static Candidate candidate(byte[] content) {
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(content))) {
            Manifest m = in.getManifest();
            if (m == null && in.getNextJarEntry() == null) {
                throw new IllegalArgumentException("not a jar file");
            }
            return candidate(m);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a jar file (" + e.getMessage() + ")", e);
        }
    }

    private static Candidate candidate(Manifest m) {
        String bsn = m == null ? null : m.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
        if (bsn == null || bsn.isBlank()) {
            throw new IllegalArgumentException("not an OSGi bundle: its manifest has no Bundle-SymbolicName");
        }
        String version = m.getMainAttributes().getValue(Constants.BUNDLE_VERSION);
        Version v;
        try {
            v = version == null ? Version.emptyVersion : Version.parseVersion(version.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Bundle-Version '" + version + "' is not a version");
        }
        String name = bsn.split(";")[0].trim();
        boolean singleton = bsn.replace(" ", "").contains("singleton:=true");
        return new Candidate(name, v, singleton);
    }

    private Bundle installed(String symbolicName) {
        Bundle best = null;
        for (Bundle b : context.getBundles()) {
            if (b.getBundleId() != 0
                    && symbolicName.equals(b.getSymbolicName())
                    && (best == null || b.getVersion().compareTo(best.getVersion()) > 0)) {
                best = b;
            }
        }
        return best;
    }

    private void refresh(List<Bundle> bundles) {
        FrameworkWiring wiring =
                context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        wiring.refreshBundles(bundles);
    }

    private static String describe(Bundle b) {
        return b.getSymbolicName() + " " + b.getVersion() + " [" + b.getBundleId() + "]";
    }

    private void done(Path file, String message) {
        LOG.info("Deploy: {} {}", file.getFileName(), message);
        record(file, true, message);
    }

    private void failed(Path file, String message) {
        LOG.error("Deploy: {} {}", file.getFileName(), message);
        record(file, false, message);
    }

    private void record(Path file, boolean ok, String message) {
        synchronized (outcomes) {
            outcomes.addFirst(new Outcome(Instant.now(), file.getFileName().toString(), ok, message));
            while (outcomes.size() > MAX_OUTCOMES) {
                outcomes.removeLast();
            }
        }
    }

    @Override
    public String directory() {
        return dir.toString();
    }

    @Override
    public List<Outcome> outcomes() {
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    @Override
    public String upload(String fileName, byte[] content) {
        String name = fileName == null ? "" : fileName.replaceAll(".*[/\\\\]", "");
        if (!UPLOAD_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("the file name '" + name + "' is not accepted: use letters, digits, "
                    + "'.', '_' and '-', ending in .jar");
        }
        Candidate c = candidate(content);
        Path target = dir.resolve(name);
        Path part = dir.resolve("." + name + ".part");
        try {
            Files.write(part, content);
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        LOG.info("Deploy: {} uploaded ({} {}, {} bytes)", name, c.symbolicName, c.version, content.length);
        record(target, true, "uploaded (" + c.symbolicName + " " + c.version + ", " + content.length + " bytes)");
        return name;
    }

    @Deactivate
    void deactivate() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
