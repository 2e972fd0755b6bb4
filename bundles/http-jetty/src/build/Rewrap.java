import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Writes the manifest of the re-wrapped Felix Jetty bundle: the upstream manifest with another symbolic name and
 * without the requirement on the Service Loader Mediator's processor (the reason for the re-wrap). Fails the build
 * when that requirement is not found, so an upgraded upstream jar is looked at again.
 *
 * <p>Usage: {@code java Rewrap.java <upstream.jar> <out MANIFEST.MF> <symbolic name>}
 */
public final class Rewrap {

    private static final String PROCESSOR = "osgi.extender=osgi.serviceloader.processor";

    private Rewrap() {
    }

    public static void main(String[] args) throws IOException {
        Manifest m;
        try (JarFile upstream = new JarFile(args[0])) {
            m = new Manifest(upstream.getManifest());
        }
        Attributes a = m.getMainAttributes();
        String upstreamName = a.getValue("Bundle-SymbolicName");
        List<String> kept = new ArrayList<>();
        int dropped = 0;
        for (String clause : clauses(a.getValue("Require-Capability"))) {
            if (clause.contains(PROCESSOR)) {
                dropped++;
            } else {
                kept.add(clause);
            }
        }
        if (dropped == 0) {
            throw new IllegalStateException(args[0] + ": no " + PROCESSOR + " requirement to drop; re-check the re-wrap");
        }
        a.putValue("Require-Capability", String.join(",", kept));
        a.putValue("Bundle-SymbolicName", args[2]);
        a.putValue("Bundle-Name", a.getValue("Bundle-Name") + " (Switchboard: no Service Loader Mediator weaving)");
        a.putValue("X-Rewrapped-From", upstreamName + ";version=" + a.getValue("Bundle-Version"));
        Path out = Path.of(args[1]);
        Files.createDirectories(out.getParent());
        try (OutputStream o = Files.newOutputStream(out)) {
            m.write(o);
        }
    }

    /** The header's clauses: split at commas outside double quotes. */
    static List<String> clauses(String header) {
        List<String> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().trim());
        }
        return out;
    }
}
