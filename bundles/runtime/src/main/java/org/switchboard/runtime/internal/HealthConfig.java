package org.switchboard.runtime.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the health endpoint, PID {@value HealthServlet#PID}. */
@ObjectClassDefinition(name = "Switchboard health", description = "What GET /health requires to answer 200.")
public @interface HealthConfig {

    @AttributeDefinition(
            name = "Required bundles",
            description = "Symbolic names of bundles that must be installed and active.")
    String[] required_bundles() default {
        "org.switchboard.api",
        "org.switchboard.jain-sip",
        "org.switchboard.sip",
        "org.switchboard.flow",
        "org.switchboard.runtime",
        "org.switchboard.store",
        "org.switchboard.summary-api",
        "org.switchboard.admin-api",
        "org.switchboard.media",
        "org.switchboard.speech-freetts",
        "org.switchboard.speech-vosk",
        "org.switchboard.assistant",
        "org.switchboard.shell",
        "org.switchboard.webconsole"
    };

    @AttributeDefinition(
            name = "Bundle prefix",
            description =
                    "Every installed bundle whose symbolic name starts with this must be active, and all its components satisfied.")
    String bundle_prefix() default "org.switchboard.";
}
