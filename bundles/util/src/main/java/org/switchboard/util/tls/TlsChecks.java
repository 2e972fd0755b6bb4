package org.switchboard.util.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Checks of a TLS listener's settings that report every problem at once, each naming its property and why. Problem
 * texts are built by the caller's {@link Problems} (so they name its configuration PID); passwords are never part of
 * one.
 */
public final class TlsChecks {

    /** Modern suites only: forward secrecy and AEAD (TLS 1.3's own, then ECDHE with AES-GCM or ChaCha20). */
    public static final List<String> DEFAULT_CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

    /** Words a problem: the property, its value and the reason. */
    @FunctionalInterface
    public interface Problems {
        /** The problem's text. */
        String problem(String property, Object value, String reason);
    }

    private final List<String> errors;
    private final Problems problems;

    /** Checks whose problems are added to {@code errors}. */
    public TlsChecks(List<String> errors, Problems problems) {
        this.errors = errors;
        this.problems = problems;
    }

    private void add(String property, Object value, String reason) {
        errors.add(problems.problem(property, value, reason));
    }

    /** {@code PKCS12} (also when empty) or {@code JKS}; {@code null} after a problem. */
    public String storeType(String property, String value) {
        String t = trim(value).toUpperCase(Locale.ROOT);
        if (t.isEmpty()) {
            return "PKCS12";
        }
        if (!t.equals("PKCS12") && !t.equals("JKS")) {
            add(property, value, "must be PKCS12 or JKS");
            return null;
        }
        return t;
    }

    /** The keystore in {@code file} opened with {@code password}; {@code null} after a problem. */
    public KeyStore load(String property, String file, String type, String password) {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            add(property, file, "no such file");
            return null;
        }
        if (!Files.isReadable(path)) {
            add(property, file, "cannot be read (permissions)");
            return null;
        }
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(in, password.toCharArray());
            return ks;
        } catch (IOException e) {
            boolean wrongPassword = e.getCause() instanceof java.security.UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("password");
            add(
                    property,
                    file,
                    wrongPassword
                            ? "wrong password (" + property + ".password)"
                            : "is not a " + type + " keystore or is damaged: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            add(property, file, "cannot be opened as " + type + ": " + e.getMessage());
        }
        return null;
    }

    /**
     * The subject and expiry of the keystore's first key entry, whose key must open with {@code password}; {@code null}
     * after a problem.
     */
    public String serverCertificate(String property, String file, KeyStore keys, String password) {
        try {
            for (String alias : Collections.list(keys.aliases())) {
                if (!keys.isKeyEntry(alias)) {
                    continue;
                }
                try {
                    keys.getKey(alias, password.toCharArray());
                } catch (GeneralSecurityException e) {
                    add(property, file, "the key '" + alias + "' does not open with the keystore's password");
                    return null;
                }
                Certificate cert = keys.getCertificate(alias);
                if (cert instanceof X509Certificate x) {
                    return x.getSubjectX500Principal().getName() + " (valid until "
                            + x.getNotAfter().toInstant() + ")";
                }
                add(property, file, "the key '" + alias + "' has no X.509 certificate");
                return null;
            }
        } catch (GeneralSecurityException e) {
            add(property, file, "cannot be read: " + e.getMessage());
            return null;
        }
        add(property, file, "holds no private key with a certificate (the server's identity)");
        return null;
    }

    /** TLSv1.2 and/or TLSv1.3, nothing older. */
    public List<String> protocols(String property, String configured) {
        List<String> protocols = list(configured);
        if (protocols.isEmpty()) {
            add(property, configured, "must name TLSv1.2 and/or TLSv1.3");
        }
        for (String p : protocols) {
            if (!PROTOCOLS.contains(p)) {
                add(
                        property,
                        configured,
                        "'" + p + "' is not allowed: only TLSv1.2 and TLSv1.3 are (older versions " + "are broken)");
            }
        }
        return protocols;
    }

    /** The configured suites, each one this JVM has; {@link #DEFAULT_CIPHER_SUITES} it has when none are. */
    public List<String> cipherSuites(String property, String configured) {
        Set<String> supported;
        try {
            supported = new LinkedHashSet<>(Arrays.asList(
                    SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites()));
        } catch (GeneralSecurityException e) {
            add(property, configured, "this JVM has no TLS: " + e.getMessage());
            return List.of();
        }
        List<String> wanted = list(configured);
        if (wanted.isEmpty()) {
            return DEFAULT_CIPHER_SUITES.stream().filter(supported::contains).toList();
        }
        List<String> unknown =
                wanted.stream().filter(s -> !supported.contains(s)).toList();
        if (!unknown.isEmpty()) {
            add(property, configured, "not supported by this JVM: " + String.join(", ", unknown));
        }
        return wanted;
    }

    /** The entries of a comma- or space-separated list. */
    public static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        for (String s : trim(value).split("[,\\s]+")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
