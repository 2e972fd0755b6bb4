package org.switchboard.api.bot;

import java.util.Objects;

/**
 * An app's credentials, returned once when the app is created or its secret rotated; the store keeps the secret
 * encrypted and never returns it again.
 *
 * @param clientId the app ({@code cs-<uuid>})
 * @param clientSecret the secret: 32 random bytes, base64url without padding
 */
public record AppCredentials(String clientId, String clientSecret) {

    /** Checks that both parts are present. */
    public AppCredentials {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "AppCredentials[clientId=" + clientId + ", clientSecret=***]";
    }
}
