package org.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.Test;
import org.osgi.framework.Bundle;

/**
 * The deploy directory next to the data directory: install, replace by a newer version (side by side, then the old
 * one goes), a broken newer version refused while the running one stays, files that are not bundles refused,
 * removal uninstalls.
 */
public class DeployDirIT extends SwitchboardTestSupport {

    private static final String BSN = "org.example.deployed";

    @Test
    public void bundlesDroppedInTheDeployDirectoryAreInstalledReplacedAndRemoved() throws Exception {
        awaitHealthy();
        Path deploy = dataDir().toAbsolutePath().resolveSibling("deploy");
        await(() -> Files.isDirectory(deploy), "the deploy directory is created");

        drop(deploy, "deployed-1.0.0.jar", bundle("1.0.0", null));
        await(() -> versions().equals(List.of("1.0.0 ACTIVE")), "1.0.0 installed and started");

        drop(deploy, "deployed-1.1.0.jar", bundle("1.1.0", null));
        await(() -> versions().equals(List.of("1.1.0 ACTIVE")), "1.1.0 replaced 1.0.0");

        drop(deploy, "deployed-2.0.0.jar", bundle("2.0.0", "org.example.missing"));
        drop(deploy, "notes.jar", jar(new Manifest()));
        Files.write(deploy.resolve("garbage.jar"), new byte[] {1, 2, 3, 4});
        Thread.sleep(3000);
        assertEquals(
                "a newer version that does not resolve leaves the running one", List.of("1.1.0 ACTIVE"), versions());
        String log = Files.readString(dataDir().resolve("log/switchboard.log"));
        assertTrue(log, log.contains("Deploy: deployed-2.0.0.jar (" + BSN + " 2.0.0) does not start"));
        assertTrue(log, log.contains("Deploy: notes.jar refused: not an OSGi bundle"));
        assertTrue(log, log.contains("Deploy: garbage.jar refused: not a jar file"));

        Files.delete(deploy.resolve("deployed-2.0.0.jar"));
        Files.delete(deploy.resolve("deployed-1.1.0.jar"));
        await(() -> versions().isEmpty(), "removing the file uninstalls the bundle");
        awaitHealthy();
    }

    private List<String> versions() {
        return java.util.Arrays.stream(context.getBundles())
                .filter(b -> BSN.equals(b.getSymbolicName()))
                .map(b -> b.getVersion() + " " + (b.getState() == Bundle.ACTIVE ? "ACTIVE" : "state " + b.getState()))
                .toList();
    }

    private static void drop(Path dir, String name, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(dir.getParent(), "drop", ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static byte[] bundle(String version, String importPackage) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", BSN);
        a.putValue("Bundle-Version", version);
        if (importPackage != null) {
            a.putValue("Import-Package", importPackage);
        }
        return jar(m);
    }

    private static byte[] jar(Manifest m) throws IOException {
        m.getMainAttributes().putIfAbsent(Attributes.Name.MANIFEST_VERSION, "1.0");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new JarOutputStream(bytes, m)) {
            out.flush();
        }
        return bytes.toByteArray();
    }

    private static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        for (int i = 0; i < 150 && !condition.get(); i++) {
            Thread.sleep(100);
        }
        assertTrue(what, condition.get());
    }
}
