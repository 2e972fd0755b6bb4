package org.switchboard.sip.internal;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Locale;

import org.switchboard.util.tls.TlsChecks;

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
record TlsSettings(
        int port,
        String keystore,
        String keystorePassword,
        String keystoreType,
        String truststore,
        String truststorePassword,
        String truststoreType,
        String clientAuth,
        List<String> protocols,
        List<String> cipherSuites,
        String subject) {

    /** Modern suites only: forward secrecy and AEAD (TLS 1.3's own, then ECDHE with AES-GCM or ChaCha20). */
    static final List<String> DEFAULT_CIPHER_SUITES = TlsChecks.DEFAULT_CIPHER_SUITES;

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
        TlsChecks checks = new TlsChecks(errors, TlsSettings::problem);
        if (c.tls_port() < 0 || c.tls_port() > 65535) {
            errors.add(problem("tls.port", c.tls_port(), "must be between 1 and 65535 (0 turns TLS off)"));
        }
        String keyType = checks.storeType("tls.keystore.type", c.tls_keystore_type());
        String trustFile = trim(c.tls_truststore());
        String trustType = checks.storeType("tls.truststore.type", c.tls_truststore_type());
        String keyPassword = c.tls_keystore_password() == null ? "" : c.tls_keystore_password();
        String trustPassword = trustFile.isEmpty()
                ? keyPassword
                : c.tls_truststore_password() == null ? "" : c.tls_truststore_password();
        String subject = null;
        if (keyType != null) {
            KeyStore keys = checks.load("tls.keystore", keystore, keyType, keyPassword);
            if (keys != null) {
                subject = checks.serverCertificate("tls.keystore", keystore, keys, keyPassword);
            }
        }
        if (!trustFile.isEmpty() && trustType != null) {
            KeyStore trust = checks.load("tls.truststore", trustFile, trustType, trustPassword);
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
        List<String> protocols = checks.protocols("tls.protocols", c.tls_protocols());
        List<String> suites = checks.cipherSuites("tls.cipher.suites", c.tls_cipher_suites());
        if (errors.size() > before) {
            return null;
        }
        return new TlsSettings(
                c.tls_port(),
                keystore,
                keyPassword,
                keyType,
                trustFile.isEmpty() ? keystore : trustFile,
                trustPassword,
                trustFile.isEmpty() ? keyType : trustType,
                auth,
                protocols,
                suites,
                subject);
    }

    private static int size(KeyStore ks) {
        try {
            return ks.size();
        } catch (GeneralSecurityException e) {
            return 0;
        }
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    private static String problem(String property, Object value, String reason) {
        return "PID " + SipStackOwner.PID + ": property '" + property + "' = '" + value + "': " + reason;
    }
}
