package org.switchboard.runtime.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes the class-data archive the first start of a build writes when it stops. Java 17 archives a class that
 * a bundle's class loader loaded only if the class was linked, and about 800 classes a start loads are never linked
 * (the verifier and the resolver load them to check types): each later start parsed them again from the bundles.
 * On that first start only, {@code ./switchboard} logs the classes the JVM loads to the file named by the framework
 * property {@value #PROPERTY}; as the framework stops, this links each class listed as read from a bundle, so the
 * JVM archives it at exit. Linking verifies a class without running any of its code.
 */
@Component(immediate = true)
public final class ClassArchiveLinker {

    /** The framework property naming the JVM's class-loading log ({@code -Xlog:class+load:file=...:none}). */
    static final String PROPERTY = "switchboard.cds.classes";

    private static final Logger LOG = LoggerFactory.getLogger(ClassArchiveLinker.class);

    private final BundleContext context;
    private final String list;

    @Activate
    public ClassArchiveLinker(BundleContext context) {
        this.context = context;
        this.list = context.getProperty(PROPERTY);
    }

    @Deactivate
    void deactivate() {
        if (list == null || list.isBlank()) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(list));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Class-data archive: cannot read the class list {} ({})", list, e.toString());
            return;
        }
        long t0 = System.nanoTime();
        int linked = 0;
        int failed = 0;
        Bundle[] bundles = context.getBundles();
        for (String name : fromBundles(lines)) {
            Bundle owner = owner(bundles, name);
            if (owner == null) {
                continue;
            }
            try {
                link(owner.loadClass(name));
                linked++;
            } catch (ClassNotFoundException | LinkageError | IllegalStateException e) {
                failed++;
            }
        }
        LOG.info(
                "Class-data archive: linked {} classes loaded from bundles ({} could not be) in {} ms, for the archive"
                        + " written at exit",
                linked,
                failed,
                (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Links (and so verifies) a class without initializing it: the JVM links a class before it lists its members.
     * For an interface, {@link Class#getDeclaredConstructors()} answers without asking the JVM, so its fields.
     */
    private static void link(Class<?> c) {
        if (c.isInterface()) {
            c.getDeclaredFields();
        } else {
            c.getDeclaredConstructors();
        }
    }

    /**
     * The classes of a {@code -Xlog:class+load} log (no decorations: {@code <name> source: <source>}) that were read
     * from a bundle: not from the JDK's image, an archive, the launcher's class path, or generated (lambdas, proxies).
     */
    static Set<String> fromBundles(List<String> lines) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : lines) {
            int at = line.indexOf(" source: ");
            if (at <= 0) {
                continue;
            }
            String name = line.substring(line.lastIndexOf(' ', at - 1) + 1, at);
            String source = line.substring(at + " source: ".length());
            if (source.startsWith("jar:") && name.indexOf('/') < 0) {
                names.add(name);
            }
        }
        return names;
    }

    /** The bundle whose content holds the class (not one that imports it), or null. */
    private static Bundle owner(Bundle[] bundles, String name) {
        String path = name.replace('.', '/') + ".class";
        for (Bundle b : bundles) {
            if (b.getBundleId() != 0 && b.getState() != Bundle.UNINSTALLED && b.getEntry(path) != null) {
                return b;
            }
        }
        return null;
    }
}
