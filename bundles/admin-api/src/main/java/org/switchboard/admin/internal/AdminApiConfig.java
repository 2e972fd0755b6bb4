package org.switchboard.admin.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the admin API, PID {@value AdminApiServlet#PID}. */
@ObjectClassDefinition(
        name = "Switchboard admin API",
        description =
                "The administration REST API under /api/admin/ (HTTP Basic with the administrator's credentials).")
public @interface AdminApiConfig {

    @AttributeDefinition(name = "Largest body (bytes)", description = "Larger request bodies get 413 (1024-16777216).")
    int max_body_bytes() default 4_194_304;

    @AttributeDefinition(
            name = "SIP host for ZCC",
            description = "host[:port] put in the SIP URIs to give the contact "
                    + "center for each DID. Empty: the SIP address and UDP port from PID org.switchboard.sip.")
    String sip_host() default "";
}
