package org.switchboard.runtime.internal;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Asks this gateway's own HTTPS port for {@code /health/live}. Jetty can come back from a restart listening but with
 * no servlets (Felix HTTP's whiteboard failed to start): the port answers, the runtime service is registered, and
 * every path is 404. Only a servlet's answer shows that it serves. The probe goes to this process's own port, sends
 * nothing but the request line and reads only the status, so it accepts whatever certificate is served (the one just
 * configured, often self-signed).
 */
final class LivenessProbe {

    static final String PATH = "/health/live";

    private LivenessProbe() {}

    /** Whether {@code https://host:port/health/live} answers 200 within a few seconds. */
    static boolean serves(String host, int port) {
        HttpURLConnection c = null;
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new OwnPort()}, null);
            HttpsURLConnection https = (HttpsURLConnection) new URL("https", host, port, PATH).openConnection();
            https.setSSLSocketFactory(tls.getSocketFactory());
            https.setHostnameVerifier((name, session) -> true);
            c = https;
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            c.setUseCaches(false);
            return c.getResponseCode() == 200;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return false;
        } finally {
            if (c != null) {
                c.disconnect();
            }
        }
    }

    /** Trusts the certificate of the gateway's own port: the probe checks that Jetty serves, not who it is. */
    private static final class OwnPort implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
