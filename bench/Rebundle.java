import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Copies a bundle jar with another Bundle-Version (for bench/hot-upgrade.sh): java Rebundle.java in out version. */
public final class Rebundle {

    private Rebundle() {
    }

    public static void main(String[] args) throws Exception {
        Path tmp = Files.createTempFile(Path.of(args[1]).toAbsolutePath().getParent(), "rebundle", ".part");
        try (InputStream raw = Files.newInputStream(Path.of(args[0])); JarInputStream in = new JarInputStream(raw)) {
            Manifest m = new Manifest(in.getManifest());
            m.getMainAttributes().putValue("Bundle-Version", args[2]);
            try (OutputStream file = Files.newOutputStream(tmp); JarOutputStream out = new JarOutputStream(file, m)) {
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        Files.move(tmp, Path.of(args[1]), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
