package org.switchboard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP requests to a gateway on loopback, with the administrator's Basic credentials or any header (a summary-API
 * JWT in {@code auth}, an {@code Origin}...). Plain {@link HttpURLConnection}, so it also works inside the OSGi
 * container. Immutable: {@link #basic} and {@link #header} return a new client.
 */
public final class Http {

    /** An answer: its status and body (the error body for a status of 400 and above). */
    public record Response(int status, String body) {}

    private final String base;
    private final Map<String, String> headers;

    private Http(String base, Map<String, String> headers) {
        this.base = base;
        this.headers = headers;
    }

    /** A client for {@code http://127.0.0.1:<port>}. */
    public static Http local(int port) {
        return new Http("http://127.0.0.1:" + port, Map.of());
    }

    /** A client for a base URL such as {@code https://127.0.0.1:8443}. */
    public static Http at(String base) {
        return new Http(base, Map.of());
    }

    /** This client sending {@code Authorization: Basic} for {@code user:password}. */
    public Http basic(String user, String password) {
        return header("Authorization", basicValue(user, password));
    }

    /** This client sending one more header on every request. */
    public Http header(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Http(base, h);
    }

    /** The value of an {@code Authorization} header for Basic credentials. */
    public static String basicValue(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public String url(String path) {
        return base + path;
    }

    public Response get(String path) throws IOException {
        return send("GET", path, null, null);
    }

    /** A request with a body of {@code contentType} (or none when {@code body} is null). */
    public Response send(String method, String path, String contentType, String body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(base + path).openConnection();
        c.setConnectTimeout(2000);
        c.setReadTimeout(30_000);
        c.setRequestMethod(method);
        headers.forEach(c::setRequestProperty);
        if (body != null) {
            if (contentType != null) {
                c.setRequestProperty("Content-Type", contentType);
            }
            c.setDoOutput(true);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            int status = c.getResponseCode();
            InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Response(status, text);
        } finally {
            c.disconnect();
        }
    }

    /** A JSON request. */
    public Response json(String method, String path, String json) throws IOException {
        return send(method, path, "application/json", json);
    }

    /** The status of a GET, or -1 when the server did not answer (not listening yet, timed out). */
    public int status(String path) {
        try {
            return get(path).status();
        } catch (IOException e) {
            return -1;
        }
    }
}
