package org.switchboard.runtime.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.util.converter.Converters;

public class CredentialsTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    static AdminConfig config(Map<String, Object> props) {
        return Converters.standardConverter().convert(new HashMap<>(props)).to(AdminConfig.class);
    }

    @Test
    public void generatesOnceOwnerOnlyThenReuses() throws Exception {
        Path data = tmp.getRoot().toPath().resolve("data");
        Credentials first = Credentials.resolve(config(Map.of()), Map.of(), data);
        assertTrue(first.generated());
        assertEquals("admin", first.username());
        assertTrue(first.password().length() >= Credentials.MIN_LENGTH);
        Path file = data.resolve("admin.password");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Credentials second = Credentials.resolve(config(Map.of()), Map.of(), data);
        assertFalse(second.generated());
        assertEquals(first.password(), second.password());
        assertFalse(second.toString().contains(second.password()));
    }

    @Test
    public void environmentOverridesConfiguration() throws Exception {
        Credentials c = Credentials.resolve(
                config(Map.of("username", "ops", "password", "configured-secret-1")),
                Map.of(Credentials.ENV_USER, "root-ops", Credentials.ENV_PASSWORD, "from-the-environment"),
                tmp.getRoot().toPath());
        assertEquals("root-ops", c.username());
        assertEquals("from-the-environment", c.password());
        assertFalse(Files.exists(tmp.getRoot().toPath().resolve("admin.password")));
    }

    @Test
    public void weakPasswordsAreRejectedWithoutEchoingThem() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Credentials.resolve(
                        config(Map.of("password", "hunter2")),
                        Map.of(),
                        tmp.getRoot().toPath()));
        assertTrue(e.getMessage(), e.getMessage().contains("PID org.switchboard.admin: property 'password'"));
        assertFalse(e.getMessage().contains("hunter2"));
        assertThrows(
                IllegalArgumentException.class,
                () -> Credentials.resolve(
                        config(Map.of("username", "bad user")),
                        Map.of(),
                        tmp.getRoot().toPath()));
    }

    @Test
    public void consoleHashMatchesOnlyItsPassword() {
        String hash = ConsolePassword.hash("correct horse battery");
        assertTrue(hash, hash.matches("\\{sha-256\\}[0-9a-f]{16}-1000-[A-Za-z0-9+/=]{44}"));
        assertTrue(ConsolePassword.matches(hash, "correct horse battery"));
        assertFalse(ConsolePassword.matches(hash, "correct horse battery!"));
        assertFalse(ConsolePassword.matches("admin", "admin"));
        assertNotEquals(hash, ConsolePassword.hash("correct horse battery"));
    }

    @Test
    public void hashIsTheIteratedSaltedDigest() throws Exception {
        // one iteration of SHA-256 over "salt" + "pw", base64: computed independently with the JDK
        byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest("0011pw".getBytes("UTF-8"));
        assertEquals(
                "{sha-256}0011-1-" + java.util.Base64.getEncoder().encodeToString(d),
                ConsolePassword.hash("pw", "0011", 1));
    }

    @Test
    public void bannerEndpointsFromAnyPropertyShape() {
        assertEquals(java.util.List.of("http://127.0.0.1:8080/"), StartBanner.endpoints("http://127.0.0.1:8080/"));
        assertEquals(2, StartBanner.endpoints(new String[] {"a", "b"}).size());
        assertTrue(StartBanner.endpoints(null).isEmpty());
    }
}
