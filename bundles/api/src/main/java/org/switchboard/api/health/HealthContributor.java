package org.switchboard.api.health;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Something a bundle can tell {@code /health} about itself that is not a failure of its bundle or components: a
 * resource it depends on that is away while it keeps working around it (the store's database, with conversation
 * records waiting in the journal). {@code /health} lists every contributor's sentences under {@code degraded} and
 * stays 200: the gateway still serves calls.
 */
@ConsumerType
public interface HealthContributor {

    /** What is degraded right now, one sentence each; empty when all is well. Cheap: no I/O. */
    List<String> degraded();
}
