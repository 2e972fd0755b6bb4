package org.switchboard.flow.internal.workspace;

/**
 * A bot declared in a workspace's {@code bots} list: what the store's bot record is set to on import.
 *
 * @param id {@code st-<uuid>}
 * @param name display name
 * @param summaryEnabled whether the conversation API gives summaries for its calls
 * @param summarizer the summarizer id, e.g. {@code builtin} or {@code llm}
 */
public record BotSpec(String id, String name, boolean summaryEnabled, String summarizer) {}
