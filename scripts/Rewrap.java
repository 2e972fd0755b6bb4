import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Writes the manifest of a re-wrapped upstream bundle, whose classes stay as they were: the upstream
 * manifest under another symbolic name, without the capabilities and requirements named by {@code --drop}. Given
 * several jars, their contents become one bundle: exports and capabilities are joined, imports too (once per
 * package), and the first jar's other headers are kept (its Implementation-Version is the one every class of the
 * bundle reports). Each {@code --drop} must remove something, so an upgraded
 * upstream jar that no longer has it fails the build and is looked at again.
 *
 * <p>Usage: {@code java Rewrap.java --out <MANIFEST.MF> --name <symbolic name> [--version <v>] [--title <name>]
 * [--drop <text>]... <upstream.jar>...}, where a requirement or capability clause containing {@code text} is
 * dropped; the bundle's name is the title, or the first jar's with "(Switchboard re-wrap)".
 */
public final class Rewrap {

    private static final String REQUIRE = "Require-Capability";
    private static final String PROVIDE = "Provide-Capability";

    private Rewrap() {
    }

    public static void main(String[] args) throws IOException {
        Path out = null;
        String name = null;
        String version = null;
        String title = null;
        List<String> drops = new ArrayList<>();
        List<Path> jars = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--name" -> name = args[++i];
                case "--version" -> version = args[++i];
                case "--title" -> title = args[++i];
                case "--drop" -> drops.add(args[++i]);
                default -> jars.add(Path.of(args[i]));
            }
        }
        if (out == null || name == null || jars.isEmpty()) {
            throw new IllegalArgumentException("usage: --out <MANIFEST.MF> --name <bsn> [--version <v>] [--title <name>] [--drop <text>]... <jar>...");
        }
        List<Attributes> upstream = new ArrayList<>();
        for (Path jar : jars) {
            try (JarFile j = new JarFile(jar.toFile())) {
                upstream.add(j.getManifest().getMainAttributes());
            }
        }
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.putAll(upstream.get(0));
        Set<String> unused = new LinkedHashSet<>(drops);
        for (String header : List.of(REQUIRE, PROVIDE)) {
            Set<String> kept = new LinkedHashSet<>();
            for (Attributes u : upstream) {
                for (String clause : clauses(u.getValue(header))) {
                    String drop = drops.stream().filter(clause::contains).findFirst().orElse(null);
                    if (drop == null) {
                        kept.add(clause);
                    } else {
                        unused.remove(drop);
                    }
                }
            }
            put(a, header, String.join(",", kept));
        }
        if (!unused.isEmpty()) {
            throw new IllegalStateException(jars + ": nothing matches --drop " + unused + "; re-check the re-wrap");
        }
        List<String> origins = new ArrayList<>();
        for (Attributes u : upstream) {
            origins.add(u.getValue("Bundle-SymbolicName") + ";version=" + u.getValue("Bundle-Version"));
        }
        if (upstream.size() > 1) {
            merge(a, upstream);
        }
        a.putValue("Bundle-SymbolicName", name);
        if (version != null) {
            a.putValue("Bundle-Version", version);
        }
        a.putValue("Bundle-Name", title != null ? title : upstream.get(0).getValue("Bundle-Name") + " (Switchboard re-wrap)");
        a.putValue("X-Rewrapped-From", String.join(",", origins));
        Files.createDirectories(out.getParent());
        try (OutputStream o = Files.newOutputStream(out)) {
            m.write(o);
        }
    }

    /** Several bundles as one: their exports joined, their imports once per package (the first jar's range). */
    private static void merge(Attributes a, List<Attributes> upstream) {
        List<String> exports = new ArrayList<>();
        Map<String, String> imports = new LinkedHashMap<>();
        int activators = 0;
        for (Attributes u : upstream) {
            exports.addAll(clauses(u.getValue("Export-Package")));
            for (String clause : clauses(u.getValue("Import-Package"))) {
                imports.putIfAbsent(clause.split(";", 2)[0].trim(), clause);
            }
            activators += u.getValue("Bundle-Activator") == null ? 0 : 1;
        }
        if (activators > 1) {
            throw new IllegalStateException("more than one of the jars has a Bundle-Activator: they cannot be one bundle");
        }
        put(a, "Export-Package", String.join(",", exports));
        put(a, "Import-Package", String.join(",", imports.values()));
        for (String header : List.of("Bundle-License", "Bundle-Vendor")) {
            Set<String> values = new LinkedHashSet<>();
            upstream.forEach(u -> values.addAll(clauses(u.getValue(header))));
            put(a, header, String.join(",", values));
        }
        for (String header : List.of("Multi-Release", "Automatic-Module-Name", "Bundle-Description", "Bundle-DocURL",
                "X-Compile-Source-JDK", "X-Compile-Target-JDK")) {
            a.remove(new Attributes.Name(header));
        }
    }

    private static void put(Attributes a, String header, String value) {
        if (value.isEmpty()) {
            a.remove(new Attributes.Name(header));
        } else {
            a.putValue(header, value);
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
