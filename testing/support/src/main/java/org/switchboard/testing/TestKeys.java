package org.switchboard.testing;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS fixtures: keystores made with the JDK's own {@code keytool} (an EC key and a self-signed certificate for
 * 127.0.0.1, valid two days), PEM copies for peers that read PEM, and client contexts that trust or present them.
 */
public final class TestKeys {

    private TestKeys() {}

    /** A PKCS12 keystore {@code <dir>/<name>.p12} whose key and certificate have the alias {@code name}. */
    public static Path keystore(Path dir, String name, String password) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".p12");
        keytool(
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1, O=Switchboard test",
                "-ext",
                "san=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                file.toString(),
                "-storepass",
                password,
                "-keypass",
                password);
        return file;
    }

    /** A keystore {@code gateway.p12} (alias {@code gateway}) in a fresh directory under the tests' directory. */
    public static Path keystore(String password) throws Exception {
        Path base =
                Path.of(System.getProperty("switchboard.itest.dir", "target")).toAbsolutePath();
        Files.createDirectories(base);
        return keystore(Files.createTempDirectory(base, "keys-"), "gateway", password);
    }

    /** A PKCS12 truststore {@code <dir>/<name>.p12} holding only the certificate of {@code keystore}. */
    public static Path truststore(Path keystore, String password, Path dir, String name) throws Exception {
        Path cert = dir.resolve(name + ".crt");
        keytool(
                "-exportcert",
                "-alias",
                alias(keystore),
                "-keystore",
                keystore.toString(),
                "-storepass",
                password,
                "-rfc",
                "-file",
                cert.toString());
        Path file = dir.resolve(name + ".p12");
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "peer",
                "-file",
                cert.toString(),
                "-storetype",
                "PKCS12",
                "-keystore",
                file.toString(),
                "-storepass",
                password);
        return file;
    }

    /** The certificate of {@code keystore} as a PEM file beside it ({@code <name>.pem}). */
    public static Path certificatePem(Path keystore, String password) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(
                        load(keystore, password).getCertificate(alias(keystore)).getEncoded());
        return Files.writeString(
                keystore.resolveSibling(alias(keystore) + ".pem"),
                "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n");
    }

    /** A client TLS context trusting the certificate in {@code keystore}. */
    public static SSLContext trusting(Path keystore, String password) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, trustManagers(keystore, password), null);
        return ctx;
    }

    /** A client TLS context presenting the key in {@code own} and trusting the certificate in {@code trusted}. */
    public static SSLContext presenting(Path own, Path trusted, String password) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(own, password), password.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), trustManagers(trusted, password), null);
        return ctx;
    }

    private static TrustManager[] trustManagers(Path keystore, String password) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(keystore, password));
        return tmf.getTrustManagers();
    }

    private static KeyStore load(Path keystore, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password.toCharArray());
        }
        return ks;
    }

    private static String alias(Path keystore) {
        return keystore.getFileName().toString().replaceFirst("\\.p12$", "");
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + ":\n" + out);
        }
    }
}
