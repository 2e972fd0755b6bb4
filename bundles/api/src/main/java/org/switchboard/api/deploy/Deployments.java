package org.switchboard.api.deploy;

import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The deploy directory ({@code deploy/} beside the data directory): registered by the runtime bundle while it
 * watches the directory. Operators' tools (the console) show its outcomes and upload bundles through it.
 */
@ProviderType
public interface Deployments {

    /**
     * What the deploy directory did with a file.
     *
     * @param at when
     * @param file the file name
     * @param ok false when the file was refused or its bundle failed to install, resolve or start
     * @param message what happened, e.g. {@code installed org.example 1.1.0 [42], replacing org.example 1.0.0 [41]}
     */
    record Outcome(Instant at, String file, boolean ok, String message) {}

    /** The directory watched, as an absolute path. */
    String directory();

    /** The latest outcomes (at most 100), newest first. */
    List<Outcome> outcomes();

    /**
     * Puts an uploaded bundle into the directory (written beside, then moved in, so it is never seen half written);
     * the directory then installs it like any dropped file.
     *
     * @param fileName the upload's file name: letters, digits, {@code . _ -}, ending in {@code .jar}
     * @param content the file
     * @return the file name written
     * @throws IllegalArgumentException when the name is not acceptable or the content is not an OSGi bundle (a jar
     *         whose manifest has a {@code Bundle-SymbolicName} and a valid {@code Bundle-Version}); the message says
     *         which
     * @throws java.io.UncheckedIOException when the file cannot be written
     */
    String upload(String fileName, byte[] content);
}
