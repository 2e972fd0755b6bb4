package org.switchboard.util.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A password kept in a file of its own on the gateway's host (a trunk's digest password), so that it is in no
 * document, row or listing.
 */
public final class PasswordFile {

    private PasswordFile() {}

    /** The largest password file read, in bytes. */
    public static final int MAX_BYTES = 1024;

    /**
     * Reads a password from {@code passwordFile}: its content as UTF-8, without one trailing line break.
     *
     * @throws IOException when the file cannot be read, is empty or is larger than {@value #MAX_BYTES} bytes;
     *         the message names the file, never its content
     */
    public static String read(String passwordFile) throws IOException {
        Path file = Path.of(passwordFile);
        if (!Files.isRegularFile(file)) {
            throw new IOException(passwordFile + " is not a file");
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(passwordFile + " is larger than " + MAX_BYTES + " bytes");
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - (text.endsWith("\r\n") ? 2 : 1));
        }
        if (text.isEmpty()) {
            throw new IOException(passwordFile + " is empty");
        }
        return text;
    }
}
