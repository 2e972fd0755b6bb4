package org.switchboard.sip.internal;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Keystores made with the JDK's keytool for the TLS tests, and a client context that trusts one of them. */
final class TestKeys {

    private TestKeys() {
    }

    /** A PKCS12 keystore with an EC key and a self-signed certificate for 127.0.0.1. */
    static Path keystore(Path dir, String name, String password) throws Exception {
        Path file = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=127.0.0.1, O=Switchboard test", "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype",
                "PKCS12", "-keystore", file.toString(), "-storepass", password, "-keypass", password);
        return file;
    }

    /** A PKCS12 truststore holding only the certificate of {@code keystore} (no private key). */
    static Path truststore(Path keystore, String password, Path dir, String name) throws Exception {
        Path cert = dir.resolve(name + ".crt");
        String alias = keystore.getFileName().toString().replaceFirst("\\.p12$", "");
        keytool("-exportcert", "-alias", alias, "-keystore", keystore.toString(), "-storepass", password, "-rfc", "-file",
                cert.toString());
        Path file = dir.resolve(name + ".p12");
        keytool("-importcert", "-noprompt", "-alias", "peer", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", password);
        return file;
    }

    /** A client TLS context trusting the certificate in {@code keystore}. */
    static SSLContext trusting(Path keystore, String password) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, trustManagers(keystore, password), null);
        return ctx;
    }

    /** A client TLS context presenting the key in {@code own} and trusting the certificate in {@code trusted}. */
    static SSLContext presenting(Path own, Path trusted, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(own)) {
            ks.load(in, password.toCharArray());
        }
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), trustManagers(trusted, password), null);
        return ctx;
    }

    private static javax.net.ssl.TrustManager[] trustManagers(Path keystore, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf.getTrustManagers();
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
