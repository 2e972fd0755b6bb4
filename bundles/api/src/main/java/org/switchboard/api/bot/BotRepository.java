package org.switchboard.api.bot;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Bots and their JWT apps, kept by the store. Client secrets are stored encrypted and are never returned after
 * creation: a token's signature is checked here ({@link #verifySignature}), so no other bundle ever holds a secret.
 */
@ProviderType
public interface BotRepository {

    /** Creates a bot with a new id. */
    Bot createBot(String name, boolean summaryEnabled, String summarizer);

    /** Creates or replaces a bot with a given id (e.g. one a workspace's flows already name). */
    Bot saveBot(Bot bot);

    /** A bot by id. */
    Optional<Bot> bot(String botId);

    /** All bots, by name. */
    List<Bot> bots();

    /** Deletes a bot and its apps; returns whether it existed. Its conversations stay. */
    boolean deleteBot(String botId);

    /**
     * Creates an app for a bot, with a new client id and secret.
     *
     * @throws IllegalArgumentException when the bot does not exist or a scope is unknown
     */
    AppCredentials createApp(String botId, String name, Set<String> scopes, boolean enforceJti);

    /**
     * Creates an app with credentials made elsewhere (an app moved from Kore.ai, whose client id and secret the
     * contact center already holds). The secret is kept encrypted like a generated one and never returned.
     *
     * @throws IllegalArgumentException when the bot does not exist, a scope is unknown, the client id is not
     *         {@code cs-<uuid>}, the secret is shorter than 16 or longer than 512 characters or not printable ASCII
     * @throws IllegalStateException when an app with that client id exists
     * @since 1.2
     */
    BotApp importApp(String botId, String name, Set<String> scopes, boolean enforceJti, AppCredentials credentials);

    /** Gives an app a new secret (the old one stops working at once); empty when there is no such app. */
    Optional<AppCredentials> rotateSecret(String clientId);

    /**
     * Changes an app's name, scopes and jti setting (its secret stays); empty when there is no such app.
     *
     * @throws IllegalArgumentException when a scope is unknown
     */
    Optional<BotApp> updateApp(String clientId, String name, Set<String> scopes, boolean enforceJti);

    /** An app by client id, without its secret. */
    Optional<BotApp> app(String clientId);

    /** A bot's apps. */
    List<BotApp> apps(String botId);

    /** Deletes an app; returns whether it existed. */
    boolean deleteApp(String clientId);

    /**
     * Whether {@code signature} is the HMAC-SHA256 of {@code signingInput} under the app's client secret (compared in
     * constant time). {@code false} for an unknown app.
     */
    boolean verifySignature(String clientId, byte[] signingInput, byte[] signature);

    /**
     * Spends a token id ({@code jti}) of an app: records it as used until {@code until} and says whether it was still
     * unused. Kept in the database, so a restarted gateway, or another node on the same database, refuses a token
     * that was spent before. Ids are forgotten after {@code until}.
     *
     * @return {@code true} the first time, {@code false} for a replay before {@code until}
     * @since 1.1
     */
    boolean spendTokenId(String clientId, String jti, Instant until);
}
