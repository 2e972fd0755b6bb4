package org.switchboard.runtime.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * The administrator's credentials, from (in order) the environment, the configuration, the password file in the
 * data directory, or generated on first start and saved to that file with owner-only permissions.
 *
 * @param username the user name
 * @param password the plain password; never logged
 * @param generated whether it was generated just now (the caller prints it once)
 * @param file the password file
 */
record Credentials(String username, String password, boolean generated, Path file) {

    static final int MIN_LENGTH = 12;
    static final String ENV_USER = "SWITCHBOARD_ADMIN_USER";
    static final String ENV_PASSWORD = "SWITCHBOARD_ADMIN_PASSWORD";

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=(hidden), generated=" + generated + "]";
    }

    static Credentials resolve(AdminConfig config, Map<String, String> env, Path dataDir) throws IOException {
        String user = firstNonBlank(env.get(ENV_USER), config.username(), "admin");
        if (!user.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new IllegalArgumentException("PID " + ConsoleCredentials.PID + ": property 'username' = '" + user
                    + "': use 1-64 letters, digits or . _ @ -");
        }
        Path file = config.password_file().isBlank()
                ? dataDir.resolve("admin.password")
                : Paths.get(config.password_file());
        String fromEnv = env.get(ENV_PASSWORD);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Credentials(user, checked(fromEnv, "environment variable " + ENV_PASSWORD), false, file);
        }
        if (!config.password().isBlank()) {
            return new Credentials(
                    user,
                    checked(config.password(), "PID " + ConsoleCredentials.PID + ": property 'password'"),
                    false,
                    file);
        }
        if (Files.isRegularFile(file)) {
            String saved = Files.readString(file, StandardCharsets.UTF_8).trim();
            return new Credentials(user, checked(saved, "password file " + file), false, file);
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        writeOwnerOnly(file, generated);
        return new Credentials(user, generated, true, file);
    }

    private static String checked(String password, String where) {
        if (password.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(
                    where + ": the password is too short (at least " + MIN_LENGTH + " characters)");
        }
        if ("admin".equalsIgnoreCase(password.trim()) || password.isBlank()) {
            throw new IllegalArgumentException(where + ": the default password is not allowed");
        }
        return password;
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(ownerOnly));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, content + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }
}
