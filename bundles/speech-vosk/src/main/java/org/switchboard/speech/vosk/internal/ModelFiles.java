package org.switchboard.speech.vosk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.List;

import org.osgi.framework.Bundle;

/** Finds the model directory: a configured one, or the bundle's own model copied to its data area once. */
final class ModelFiles {

    /** Where the model sits inside this bundle. */
    static final String EMBEDDED = "model/en-us";

    private static final List<String> REQUIRED = List.of("am/final.mdl", "conf/model.conf", "conf/mfcc.conf");

    private ModelFiles() {}

    /** Checks that {@code dir} looks like a Vosk model; {@link IOException} naming the path otherwise. */
    static Path check(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("Vosk model directory " + dir + " does not exist");
        }
        for (String f : REQUIRED) {
            Path p = dir.resolve(f);
            if (!Files.isRegularFile(p) || Files.size(p) == 0) {
                throw new IOException("Vosk model directory " + dir + " has no " + f + " (not a Vosk model?)");
            }
        }
        if (!Files.isDirectory(dir.resolve("graph"))) {
            throw new IOException("Vosk model directory " + dir + " has no graph/ (not a Vosk model?)");
        }
        return dir;
    }

    /**
     * Copies the bundle's model to {@code target} unless a complete copy of the same model (same {@code uuid}) is
     * already there. A copy is complete once its marker is written, last.
     */
    static Path extract(Bundle bundle, Path target) throws IOException {
        URL uuid = bundle.getEntry(EMBEDDED + "/uuid");
        if (uuid == null) {
            throw new IOException("bundle " + bundle.getSymbolicName() + " has no embedded model at " + EMBEDDED);
        }
        String id;
        try (InputStream in = uuid.openStream()) {
            id = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        Path marker = target.resolve(".complete");
        if (Files.isRegularFile(marker) && Files.readString(marker).trim().equals(id)) {
            return target;
        }
        Files.createDirectories(target);
        Files.deleteIfExists(marker);
        Enumeration<URL> entries = bundle.findEntries(EMBEDDED, "*", true);
        while (entries != null && entries.hasMoreElements()) {
            URL e = entries.nextElement();
            String rel = e.getPath().substring(e.getPath().indexOf(EMBEDDED) + EMBEDDED.length() + 1);
            if (rel.isEmpty() || rel.endsWith("/")) {
                continue;
            }
            Path out = target.resolve(rel).normalize();
            if (!out.startsWith(target)) {
                throw new IOException("bad model entry " + e);
            }
            Files.createDirectories(out.getParent());
            try (InputStream in = e.openStream()) {
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(marker, id);
        return target;
    }
}
