package org.switchboard.speech.vosk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Where JNA loads {@code libvosk.so} from: one file per library build in the temporary directory, the same for every
 * class loader in the JVM. Left to itself, JNA extracts the library to a new temporary file for each class loader
 * that binds it: a bundle update, or each framework of a test run, then loads one more copy of the library into the
 * process, whose global C++ objects the copies share and each destroy at exit. The directory is made owner-only, and a
 * file found there is used only when it holds exactly this bundle's library.
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
        byte[] lib;
        try (InputStream in = VoskLibrary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return null;
            }
            lib = in.readAllBytes();
        }
        String hash;
        try {
            hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(lib), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
        Path dir = Path.of(
                System.getProperty("java.io.tmpdir"),
                "switchboard-vosk-" + System.getProperty("user.name") + "-" + hash);
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        if (!Files.getOwner(dir).getName().equals(System.getProperty("user.name"))) {
            throw new IOException(dir + " belongs to " + Files.getOwner(dir).getName());
        }
        Path file = dir.resolve("libvosk.so");
        if (!Files.isRegularFile(file)
                || Files.size(file) != lib.length
                || !Arrays.equals(Files.readAllBytes(file), lib)) {
            Path part = Files.createTempFile(dir, "libvosk", ".part");
            Files.write(part, lib);
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        com.sun.jna.NativeLibrary.addSearchPath("vosk", dir.toString());
        return dir;
    }
}
