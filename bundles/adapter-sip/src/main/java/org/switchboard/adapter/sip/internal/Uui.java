package org.switchboard.adapter.sip.internal;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.switchboard.adapter.support.HeaderTemplate;
import org.switchboard.api.call.SessionContext;

/**
 * User-to-User data (RFC 7433) on an agent transfer, the way contact centers take call context with a call:
 * Genesys Cloud reads {@code User-to-User} from the Refer-To URI of a REFER (and removes the first octet, the
 * protocol discriminator, of hex data); Amazon Connect and most SBCs read the header, hex-encoded with
 * {@code ;encoding=hex}.
 *
 * @param data the template of the data, rendered against the session
 * @param hex whether the data goes as hex ({@code ;encoding=hex}, the RFC's default) or as ASCII
 * @param discriminator the protocol discriminator octet before hex data, two hex digits, or empty for none
 * @param inReferUri whether a REFER carries it in its Refer-To URI rather than as a header
 * @param maxBytes the most bytes of data, before encoding
 */
record Uui(HeaderTemplate data, boolean hex, String discriminator, boolean inReferUri, int maxBytes) {

    /** The header's name. */
    static final String HEADER = "User-to-User";

    /** The configured UUI, or {@code null} when {@code uui} is empty; problems are added with their property. */
    static Uui parse(SipAdapterConfig c, List<String> problems) {
        if (c.uui().isBlank()) {
            return null;
        }
        HeaderTemplate data = null;
        try {
            data = HeaderTemplate.parse(c.uui());
        } catch (IllegalArgumentException e) {
            problems.add("property 'uui' = '" + c.uui() + "': " + e.getMessage());
        }
        String encoding = c.uui_encoding().trim().toLowerCase(Locale.ROOT);
        if (!encoding.equals("hex") && !encoding.equals("ascii")) {
            problems.add("property 'uui.encoding' = '" + c.uui_encoding() + "': must be hex or ascii");
        }
        String pd = c.uui_pd().trim();
        if (!pd.isEmpty() && !pd.matches("[0-9A-Fa-f]{2}")) {
            problems.add("property 'uui.pd' = '" + c.uui_pd() + "': must be two hex digits (one octet) or empty");
        }
        String where = c.uui_refer().trim().toLowerCase(Locale.ROOT);
        if (!where.equals("uri") && !where.equals("header")) {
            problems.add("property 'uui.refer' = '" + c.uui_refer() + "': must be uri or header");
        }
        if (c.uui_max_bytes() < 1 || c.uui_max_bytes() > 1024) {
            problems.add("property 'uui.max.bytes' = '" + c.uui_max_bytes() + "': must be between 1 and 1024");
        }
        return new Uui(
                data, !encoding.equals("ascii"), pd.toUpperCase(Locale.ROOT), where.equals("uri"), c.uui_max_bytes());
    }

    /** The header value for {@code session}, or {@code null} when the data renders empty. */
    String value(SessionContext session) {
        String text = data.render(session, maxBytes);
        if (text.isEmpty()) {
            return null;
        }
        if (hex) {
            return discriminator + HexFormat.of().withUpperCase().formatHex(text.getBytes(StandardCharsets.UTF_8))
                    + ";encoding=hex";
        }
        StringBuilder ascii = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            ascii.append(ch >= 0x20 && ch < 0x7f && ch != ';' ? ch : '?');
        }
        return ascii + ";encoding=ascii";
    }
}
