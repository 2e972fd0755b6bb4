package org.switchboard.speech.vosk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where JNA loads {@code libvosk.so} from: one file per library build in the temporary directory, the same for every
 * class loader in the JVM. Left to itself, JNA extracts the library to a new temporary file for each class loader
 * that binds it: a bundle update, or each framework of a test run, then loads one more copy of the library into the
 * process, whose global C++ objects the copies share and each destroy at exit. The directory is named after the
 * library's SHA-256 (computed when the bundle was built, in {@code libvosk.so.id} beside it) and made owner-only; the
 * library is written there whole (a temporary file moved into place), so a file of the right size found there is
 * this library, and a start need not read the 25 MB out of the bundle again.
 */
final class VoskLibrary {

    private static final String RESOURCE = "/linux-x86-64/libvosk.so";

    private VoskLibrary() {}

    /**
     * Puts the library where every class loader finds the same file, and tells JNA to look there first.
     *
     * @return the directory, or {@code null} when the library is not in this bundle (JNA then searches as usual)
     */
    static synchronized Path locate() throws IOException {
        String[] id;
        try (InputStream in = VoskLibrary.class.getResourceAsStream(RESOURCE + ".id")) {
            if (in == null) {
                return null;
            }
            id = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
        }
        if (id.length != 2 || !id[0].matches("[0-9a-f]{64}") || !id[1].matches("[0-9]{1,12}")) {
            throw new IOException("bad " + RESOURCE + ".id in the bundle: " + String.join(" ", id));
        }
        long size = Long.parseLong(id[1]);
        Path dir = Path.of(
                System.getProperty("java.io.tmpdir"),
                "switchboard-vosk-" + System.getProperty("user.name") + "-" + id[0].substring(0, 16));
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        if (!Files.getOwner(dir).getName().equals(System.getProperty("user.name"))) {
            throw new IOException(dir + " belongs to " + Files.getOwner(dir).getName());
        }
        Path file = dir.resolve("libvosk.so");
        if (!Files.isRegularFile(file) || Files.size(file) != size) {
            write(dir, file, id[0], size);
        }
        com.sun.jna.NativeLibrary.addSearchPath("vosk", dir.toString());
        return dir;
    }

    private static void write(Path dir, Path file, String sha256, long size) throws IOException {
        Path part = Files.createTempFile(dir, "libvosk", ".part");
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = VoskLibrary.class.getResourceAsStream(RESOURCE);
                    OutputStream out = new DigestOutputStream(Files.newOutputStream(part), digest)) {
                if (in == null) {
                    throw new IOException("no " + RESOURCE + " in the bundle");
                }
                in.transferTo(out);
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(sha256) || Files.size(part) != size) {
                throw new IOException("the bundle's " + RESOURCE + " is not the library its .id names");
            }
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchAlgorithmException e) {
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(part);
        }
    }
}
