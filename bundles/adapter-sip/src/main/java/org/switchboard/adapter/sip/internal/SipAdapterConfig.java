package org.switchboard.adapter.sip.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Generic SIP adapter settings, PID {@value SipAdapter#PID}. */
@ObjectClassDefinition(
        name = "Switchboard generic SIP adapter",
        description = "Contact centers that hand a call "
                + "over with X- headers and take it back by BYE or REFER with X- headers (Genesys Cloud, Amazon Connect, "
                + "Five9-style SBC integrations). Trunks use it with \"adapter\": \"sip\".")
public @interface SipAdapterConfig {

    @AttributeDefinition(
            name = "Answer headers",
            description = "Headers on the 200 OK, one 'Name: value' per "
                    + "entry; values may use {{session.id}}, {{session.botId}}, {{sip.X-Header}} and the like.")
    String[] answer_headers() default {"X-Switchboard-Session: {{session.id}}"};

    @AttributeDefinition(
            name = "Transfer method",
            description = "How an agent transfer is done when the flow names "
                    + "no target: 'bye' (a BYE with the transfer headers) or 'refer' (a REFER to the refer target).")
    String transfer_method() default "bye";

    @AttributeDefinition(name = "REFER target", description = "Number or SIP URI for REFER transfers.")
    String refer_target() default "";

    @AttributeDefinition(name = "Transfer headers", description = "Headers on the agent-transfer BYE or REFER.")
    String[] transfer_headers() default {"X-Disposition: agent", "X-Switchboard-Session: {{session.id}}"};

    @AttributeDefinition(name = "Hang-up headers", description = "Headers on the BYE when the bot ends the call.")
    String[] hangup_headers() default {"X-Disposition: resolved", "X-Switchboard-Session: {{session.id}}"};

    @AttributeDefinition(
            name = "Headers passed to the bot",
            description = "The INVITE headers the flow, scripts, "
                    + "templates, assistants and the conversation record see: names, or prefixes ending in '*'.")
    String[] session_headers() default {"X-*", "User-to-User", "P-Asserted-Identity"};

    @AttributeDefinition(name = "Max custom headers", description = "At most this many headers per message (1-50).")
    int max_custom_headers() default 10;

    @AttributeDefinition(name = "Max value bytes", description = "Header values are cut to this many bytes (16-4096).")
    int max_value_bytes() default 256;

    @AttributeDefinition(
            name = "UUI",
            description = "User-to-User data (RFC 7433) sent with an agent transfer, a "
                    + "template such as '{{session.id}}' or '{{context.intent}}'; empty: none. Genesys Cloud and Amazon "
                    + "Connect take call context from it.")
    String uui() default "";

    @AttributeDefinition(
            name = "UUI encoding",
            description = "'hex' (the data's UTF-8 bytes in hex after the "
                    + "protocol discriminator, with ;encoding=hex) or 'ascii' (;encoding=ascii).")
    String uui_encoding() default "hex";

    @AttributeDefinition(
            name = "UUI protocol discriminator",
            description = "The octet (two hex digits) sent before "
                    + "hex data; Genesys Cloud removes the first octet. Empty: none.")
    String uui_pd() default "00";

    @AttributeDefinition(
            name = "UUI on a REFER",
            description = "'uri': in the Refer-To URI (?User-to-User=...), "
                    + "copied by the contact center into the INVITE to the target, where Genesys Cloud reads it; 'header': a "
                    + "User-to-User header on the REFER. A BYE hand-back always carries it as a header.")
    String uui_refer() default "uri";

    @AttributeDefinition(
            name = "UUI max bytes",
            description =
                    "The data is cut to this many bytes before encoding " + "(1-1024; many systems keep only 128).")
    int uui_max_bytes() default 128;
}
