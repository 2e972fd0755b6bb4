package org.switchboard.api.bot;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A JWT app of a bot, without its secret: the API client (e.g. ZCC's connector) signs its tokens with the app's
 * client secret and names the app in the {@code appId} claim.
 *
 * @param clientId {@code cs-<uuid>}, lower case
 * @param botId the bot it belongs to
 * @param name display name
 * @param scopes the API scopes it holds ({@value #CHAT_HISTORY}, {@value #CONVERSATION_SUMMARY})
 * @param enforceJti whether each token's {@code jti} may be used only once
 * @param createdAt when it was created
 */
public record BotApp(
        String clientId, String botId, String name, Set<String> scopes, boolean enforceJti, Instant createdAt) {

    /** Scope of the Conversation Details API. */
    public static final String CHAT_HISTORY = "chat-history";
    /** Scope of the Conversation Summary API. */
    public static final String CONVERSATION_SUMMARY = "conversation-summary";
    /** The scopes there are. */
    public static final Set<String> SCOPES = Set.of(CHAT_HISTORY, CONVERSATION_SUMMARY);
    /** The shape of a client id. */
    public static final String ID_PATTERN = "cs-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    /** Checks the identifiers and the scopes, and copies the scopes. */
    public BotApp {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(botId, "botId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
        for (String s : scopes) {
            if (!SCOPES.contains(s)) {
                throw new IllegalArgumentException(
                        "unknown scope '" + s + "'; scopes are " + new java.util.TreeSet<>(SCOPES));
            }
        }
    }
}
