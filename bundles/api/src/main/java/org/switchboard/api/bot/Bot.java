package org.switchboard.api.bot;

import java.time.Instant;
import java.util.Objects;

/**
 * A bot: what ZCC knows as the Kore bot (its id goes out in {@code kore-bot_id} and is the {@code {botId}} of the API
 * path).
 *
 * @param botId {@code st-<uuid>}, lower case
 * @param name display name
 * @param summaryEnabled whether the API returns summaries for its conversations
 * @param summarizer the id of the summarizer to use ({@code builtin} by default)
 * @param createdAt when it was created
 */
public record Bot(String botId, String name, boolean summaryEnabled, String summarizer, Instant createdAt) {

    /** The shape of a bot id. */
    public static final String ID_PATTERN = "st-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    /** Checks the identifiers. */
    public Bot {
        Objects.requireNonNull(botId, "botId");
        if (!botId.matches(ID_PATTERN)) {
            throw new IllegalArgumentException("'" + botId + "' is not a bot id (st-<uuid>, lower case)");
        }
        Objects.requireNonNull(name, "name");
        summarizer = summarizer == null || summarizer.isBlank() ? "builtin" : summarizer;
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
