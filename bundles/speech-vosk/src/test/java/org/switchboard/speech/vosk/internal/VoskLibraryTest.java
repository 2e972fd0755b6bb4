package org.switchboard.speech.vosk.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The library's copy on disk, found by the build's id, against a temporary directory of the test's. */
public class VoskLibraryTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private String savedTmp;

    @Before
    public void useTestTmp() {
        savedTmp = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmp.getRoot().toString());
    }

    @After
    public void restoreTmp() {
        System.setProperty("java.io.tmpdir", savedTmp);
    }

    private static String[] id() throws Exception {
        try (InputStream in = VoskLibrary.class.getResourceAsStream("/linux-x86-64/libvosk.so.id")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .trim()
                    .split(" ");
        }
    }

    @Test
    public void theLibraryIsWrittenOnceUnderItsHashWithTheBuildsHashAndSizeThenFoundByItsSize() throws Exception {
        String[] id = id();
        Path dir = VoskLibrary.locate();
        assertEquals(
                tmp.getRoot()
                        .toPath()
                        .resolve("switchboard-vosk-" + System.getProperty("user.name") + "-" + id[0].substring(0, 16)),
                dir);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        Path file = dir.resolve("libvosk.so");
        assertEquals(Long.parseLong(id[1]), Files.size(file));
        assertEquals(
                id[0],
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));

        FileTime written = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(file, written);
        VoskLibrary.locate();
        assertEquals("a whole copy is left alone", written, Files.getLastModifiedTime(file));
    }

    @Test
    public void aCopyOfTheWrongSizeIsReplacedWhole() throws Exception {
        Path dir = VoskLibrary.locate();
        Path file = dir.resolve("libvosk.so");
        Files.write(file, new byte[] {1, 2, 3}); // a copy cut short
        VoskLibrary.locate();
        assertEquals(Long.parseLong(id()[1]), Files.size(file));
        try (var left = Files.list(dir)) {
            assertTrue("no temporary file left", left.allMatch(p -> p.equals(file)));
        }
    }
}
