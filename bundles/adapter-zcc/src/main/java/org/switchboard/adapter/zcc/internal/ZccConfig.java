package org.switchboard.adapter.zcc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Zoom Contact Center adapter settings, PID {@value ZccAdapter#PID}. */
@ObjectClassDefinition(
        name = "Switchboard Zoom Contact Center adapter",
        description = "How calls from ZCC trunks are answered and handed back.")
public @interface ZccConfig {

    @AttributeDefinition(
            name = "Transfer method",
            description =
                    "How an agent transfer is done when the flow names no "
                            + "target: 'bye' (BYE with kore-reason: TransferToAgent, the ZCC way) or 'refer' (REFER to the refer target).")
    String transfer_method() default "bye";

    @AttributeDefinition(name = "REFER target", description = "Number or SIP URI for REFER transfers (method 'refer').")
    String refer_target() default "";

    @AttributeDefinition(
            name = "Transfer headers",
            description = "Headers on the agent-transfer BYE or REFER, one "
                    + "'Name: value' per entry; values may use {{session.id}}, {{context.intent}} and the like.")
    String[] transfer_headers() default {};

    @AttributeDefinition(name = "Hang-up headers", description = "Headers on the BYE when the bot ends the call.")
    String[] hangup_headers() default {};

    @AttributeDefinition(
            name = "Headers passed to the bot",
            description = "The INVITE's headers the flow, scripts "
                    + "(context.session.UserSession.sipHeaders), header templates ({{sip.<Name>}}), assistants and the "
                    + "conversation record see: header names, or a prefix ending in '*' (X-* is every X- header).")
    String[] session_headers() default {"X-*", "P-Asserted-Identity", "User-to-User"};

    @AttributeDefinition(
            name = "Max custom headers",
            description = "At most this many custom headers per message (1-50).")
    int max_custom_headers() default 10;

    @AttributeDefinition(name = "Max value bytes", description = "Header values are cut to this many bytes (16-4096).")
    int max_value_bytes() default 256;
}
