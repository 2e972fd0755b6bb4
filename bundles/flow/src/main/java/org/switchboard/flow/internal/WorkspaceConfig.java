package org.switchboard.flow.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where the workspace comes from, PID {@value WorkspaceRegistry#PID}. */
@ObjectClassDefinition(
        name = "Switchboard workspace",
        description = "The workspace file (trunks, flows, attachments) imported at start and whenever it changes.")
public @interface WorkspaceConfig {

    @AttributeDefinition(name = "Path", description = "Workspace JSON file; empty: start with nothing configured.")
    String path() default "";

    @AttributeDefinition(
            name = "Reload check",
            description = "Seconds between checks of the file for changes; 0: load once.")
    int reload_interval_s() default 5;

    @AttributeDefinition(name = "FQDN refresh", description = "Seconds between DNS look-ups of trunk FQDNs (10-86400).")
    int fqdn_refresh_s() default 60;

    @AttributeDefinition(
            name = "DNS server",
            description = "host[:port] of the DNS server for trunk FQDNs; empty: the system's.")
    String dns_server() default "";

    @AttributeDefinition(
            name = "Store poll",
            description =
                    "Milliseconds between reads of the stored workspace's "
                            + "revision (100-60000): a change made on another node sharing the database takes effect here within this.")
    int store_poll_ms() default 1000;
}
