package org.switchboard.assistant.internal.jambonz;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The audio a jambonz application plays from {@code http(s)} URLs, fetched once into a directory of files the media
 * engine plays (WAV or raw G.711, as for local files). A URL is fetched by one request however many calls want it at
 * once; a failed fetch is forgotten so the next call tries again. At most {@value #MAX_BYTES} bytes per file.
 */
final class AudioCache {

    static final long MAX_BYTES = 20L * 1024 * 1024;

    private final java.util.function.Supplier<HttpClient> client;
    private final Path dir;
    private final ConcurrentMap<URI, CompletableFuture<Path>> files = new ConcurrentHashMap<>();

    AudioCache(java.util.function.Supplier<HttpClient> client, Path dir) {
        this.client = client;
        this.dir = dir;
    }

    /** The local file for {@code url}, fetched (within {@code timeout}) unless it already was. */
    CompletionStage<Path> file(URI url, Duration timeout) {
        CompletableFuture<Path> f = files.computeIfAbsent(url, u -> fetch(u, timeout));
        f.whenComplete((p, e) -> {
            if (e != null) {
                files.remove(url, f);
            }
        });
        return f;
    }

    private CompletableFuture<Path> fetch(URI url, Duration timeout) {
        HttpRequest get = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        return client.get()
                .sendAsync(get, HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(r -> {
                    try (InputStream in = r.body()) {
                        if (r.statusCode() / 100 != 2) {
                            throw new IllegalArgumentException("audio " + url + " answered HTTP " + r.statusCode());
                        }
                        Files.createDirectories(dir);
                        Path part = Files.createTempFile(dir, "fetch", ".part");
                        try (OutputStream out = Files.newOutputStream(part)) {
                            byte[] buf = new byte[65536];
                            long total = 0;
                            for (int n; (n = in.read(buf)) > 0; ) {
                                total += n;
                                if (total > MAX_BYTES) {
                                    throw new IllegalArgumentException(
                                            "audio " + url + " is larger than " + MAX_BYTES + " bytes");
                                }
                                out.write(buf, 0, n);
                            }
                        } catch (RuntimeException | IOException e) {
                            Files.deleteIfExists(part);
                            throw e;
                        }
                        Path file = dir.resolve(name(url));
                        return Files.move(
                                part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException e) {
                        throw new IllegalArgumentException("audio " + url + " could not be fetched: " + e.getMessage());
                    }
                });
    }

    /** A file name for the URL: its hash, and the extension that tells the media engine the format. */
    private static String name(URI url) {
        String path = url.getPath() == null ? "" : url.getPath().toLowerCase(java.util.Locale.ROOT);
        String ext = path.endsWith(".ulaw") || path.endsWith(".pcmu")
                ? ".ulaw"
                : path.endsWith(".alaw") || path.endsWith(".pcma") ? ".alaw" : ".wav";
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(url.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16) + ext;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes the fetched files. */
    void clear() {
        files.clear();
        try (var list = Files.list(dir)) {
            list.forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException gone) {
            // nothing to delete
        }
    }
}
