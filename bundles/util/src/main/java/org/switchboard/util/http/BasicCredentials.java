package org.switchboard.util.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The user name and password of an HTTP Basic {@code Authorization} header (RFC 7617, UTF-8), for an
 * {@code org.switchboard.api.admin.AdminAuthenticator#login}. A header whose credentials are not valid base64 or have no colon gives an empty
 * password, which no login accepts.
 *
 * @param user the user name
 * @param password the password (never log it)
 * @since 1.1
 */
public record BasicCredentials(String user, String password) {

    /** The credentials of a {@code Basic} header; empty for a missing header or another scheme. */
    public static Optional<BasicCredentials> of(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = "";
        }
        int colon = decoded.indexOf(':');
        return Optional.of(
                colon < 0
                        ? new BasicCredentials(decoded, "")
                        : new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + "]";
    }
}
