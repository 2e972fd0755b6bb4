package org.switchboard.shell.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Switchboard remote shell",
        description =
                "The Gogo shell over a plain TCP line connection (telnet or nc), after the administrator's login.")
@interface RemoteShellConfig {

    @AttributeDefinition(name = "Enabled", description = "Whether the remote shell listens at all.")
    boolean enabled() default false;

    @AttributeDefinition(
            name = "Address",
            description = "The address to listen on; keep it on loopback (or use SSH "
                    + "port forwarding): the connection is not encrypted.")
    String address() default "127.0.0.1";

    @AttributeDefinition(name = "Port")
    int port() default 2019;

    @AttributeDefinition(name = "Sessions", description = "At most this many connections at a time.")
    int max_sessions() default 4;

    @AttributeDefinition(name = "Idle timeout (s)", description = "A connection silent this long is closed.")
    int idle_timeout_s() default 900;
}
