package org.switchboard.sip.internal;

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
 * SIP over TLS, checked before the stack starts: the keystore is opened with its password and must hold a private
 * key with its certificate, the truststore likewise, only TLS 1.2 and 1.3 may be enabled, and every cipher suite
 * must be one this JVM has. JAIN-SIP itself would only log "could not instantiate SSL networking" and run without
 * TLS; here each problem is reported with the property and the reason. Passwords are never part of a message.
 *
 * @param port the TLS listening port
 * @param keystore the keystore file
 * @param keystorePassword its password (never logged)
 * @param keystoreType PKCS12 or JKS
 * @param truststore the truststore file (the keystore when not configured)
 * @param truststorePassword its password (never logged)
 * @param truststoreType PKCS12 or JKS
 * @param clientAuth JAIN-SIP's client-auth type: Disabled, Want or Enabled
 * @param protocols the protocols enabled
 * @param cipherSuites the cipher suites enabled
 * @param subject the subject of the server's certificate, for the log
 */
record TlsSettings(int port, String keystore, String keystorePassword, String keystoreType, String truststore,
        String truststorePassword, String truststoreType, String clientAuth, List<String> protocols,
        List<String> cipherSuites, String subject) {

    /** Modern suites only: forward secrecy and AEAD (TLS 1.3's own, then ECDHE with AES-GCM or ChaCha20). */
    static final List<String> DEFAULT_CIPHER_SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

    @Override
    public String toString() {
        return "TlsSettings[port=" + port + ", keystore=" + keystore + ", truststore=" + truststore + ", clientAuth="
                + clientAuth + ", protocols=" + protocols + "]";
    }

    /** The client-certificate policy in the configuration's words: none, want or need. */
    String clientAuthName() {
        return switch (clientAuth) {
            case "Want" -> "want";
            case "Enabled" -> "need";
            default -> "none";
        };
    }

    /** The TLS settings of a configuration, or {@code null} when TLS is off (no port or no keystore). */
    static TlsSettings from(SipConfig c, List<String> errors) {
        String keystore = trim(c.tls_keystore());
        if (c.tls_port() == 0 || keystore.isEmpty()) {
            return null;
        }
        int before = errors.size();
        if (c.tls_port() < 0 || c.tls_port() > 65535) {
            errors.add(problem("tls.port", c.tls_port(), "must be between 1 and 65535 (0 turns TLS off)"));
        }
        String keyType = type(errors, "tls.keystore.type", c.tls_keystore_type());
        String trustFile = trim(c.tls_truststore());
        String trustType = type(errors, "tls.truststore.type", c.tls_truststore_type());
        String keyPassword = c.tls_keystore_password() == null ? "" : c.tls_keystore_password();
        String trustPassword = trustFile.isEmpty() ? keyPassword
                : c.tls_truststore_password() == null ? "" : c.tls_truststore_password();
        String subject = null;
        if (keyType != null) {
            KeyStore keys = load(errors, "tls.keystore", keystore, keyType, keyPassword);
            if (keys != null) {
                subject = serverCertificate(errors, keystore, keys, keyPassword);
            }
        }
        if (!trustFile.isEmpty() && trustType != null) {
            KeyStore trust = load(errors, "tls.truststore", trustFile, trustType, trustPassword);
            if (trust != null && size(trust) == 0) {
                errors.add(problem("tls.truststore", trustFile, "holds no certificate"));
            }
        }
        String auth = switch (trim(c.tls_client_auth()).toLowerCase(Locale.ROOT)) {
            case "none" -> "Disabled";
            case "want" -> "Want";
            case "need" -> "Enabled";
            default -> {
                errors.add(problem("tls.client.auth", c.tls_client_auth(), "must be none, want or need"));
                yield null;
            }
        };
        List<String> protocols = list(c.tls_protocols());
        if (protocols.isEmpty()) {
            errors.add(problem("tls.protocols", c.tls_protocols(), "must name TLSv1.2 and/or TLSv1.3"));
        }
        for (String p : protocols) {
            if (!PROTOCOLS.contains(p)) {
                errors.add(problem("tls.protocols", c.tls_protocols(), "'" + p + "' is not allowed: only TLSv1.2 and "
                        + "TLSv1.3 are (older versions are broken)"));
            }
        }
        List<String> suites = suites(errors, c.tls_cipher_suites());
        if (errors.size() > before) {
            return null;
        }
        return new TlsSettings(c.tls_port(), keystore, keyPassword, keyType, trustFile.isEmpty() ? keystore : trustFile,
                trustPassword, trustFile.isEmpty() ? keyType : trustType, auth, protocols, suites, subject);
    }

    private static List<String> suites(List<String> errors, String configured) {
        Set<String> supported;
        try {
            supported = new LinkedHashSet<>(Arrays.asList(SSLContext.getDefault().getSupportedSSLParameters()
                    .getCipherSuites()));
        } catch (GeneralSecurityException e) {
            errors.add(problem("tls.cipher.suites", configured, "this JVM has no TLS: " + e.getMessage()));
            return List.of();
        }
        List<String> wanted = list(configured);
        if (wanted.isEmpty()) {
            return DEFAULT_CIPHER_SUITES.stream().filter(supported::contains).toList();
        }
        List<String> unknown = wanted.stream().filter(s -> !supported.contains(s)).toList();
        if (!unknown.isEmpty()) {
            errors.add(problem("tls.cipher.suites", configured, "not supported by this JVM: " + String.join(", ",
                    unknown)));
        }
        return wanted;
    }

    private static KeyStore load(List<String> errors, String property, String file, String type, String password) {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            errors.add(problem(property, file, "no such file"));
            return null;
        }
        if (!Files.isReadable(path)) {
            errors.add(problem(property, file, "cannot be read (permissions)"));
            return null;
        }
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(in, password.toCharArray());
            return ks;
        } catch (IOException e) {
            boolean wrongPassword = e.getCause() instanceof java.security.UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("password");
            errors.add(problem(property, file, wrongPassword ? "wrong password (" + property + ".password)"
                    : "is not a " + type + " keystore or is damaged: " + e.getMessage()));
        } catch (GeneralSecurityException e) {
            errors.add(problem(property, file, "cannot be opened as " + type + ": " + e.getMessage()));
        }
        return null;
    }

    /** The subject of the keystore's first key entry, whose key must open with the keystore's password. */
    private static String serverCertificate(List<String> errors, String file, KeyStore keys, String password) {
        try {
            for (String alias : Collections.list(keys.aliases())) {
                if (!keys.isKeyEntry(alias)) {
                    continue;
                }
                try {
                    keys.getKey(alias, password.toCharArray());
                } catch (GeneralSecurityException e) {
                    errors.add(problem("tls.keystore", file, "the key '" + alias + "' does not open with the "
                            + "keystore's password"));
                    return null;
                }
                Certificate cert = keys.getCertificate(alias);
                if (cert instanceof X509Certificate x) {
                    return x.getSubjectX500Principal().getName() + " (valid until " + x.getNotAfter().toInstant() + ")";
                }
                errors.add(problem("tls.keystore", file, "the key '" + alias + "' has no X.509 certificate"));
                return null;
            }
        } catch (GeneralSecurityException e) {
            errors.add(problem("tls.keystore", file, "cannot be read: " + e.getMessage()));
            return null;
        }
        errors.add(problem("tls.keystore", file, "holds no private key with a certificate (the server's identity)"));
        return null;
    }

    private static int size(KeyStore ks) {
        try {
            return ks.size();
        } catch (GeneralSecurityException e) {
            return 0;
        }
    }

    private static String type(List<String> errors, String property, String value) {
        String t = trim(value).toUpperCase(Locale.ROOT);
        if (t.isEmpty()) {
            return "PKCS12";
        }
        if (!t.equals("PKCS12") && !t.equals("JKS")) {
            errors.add(problem(property, value, "must be PKCS12 or JKS"));
            return null;
        }
        return t;
    }

    private static List<String> list(String value) {
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

    private static String problem(String property, Object value, String reason) {
        return "PID " + SipStackOwner.PID + ": property '" + property + "' = '" + value + "': " + reason;
    }
}
