package org.switchboard.flow.internal.model;

/**
 * A virtual assistant a flow declares in its {@code assistants} section.
 *
 * @param id the id its automation nodes name
 * @param type {@code app}, {@code webhook} or {@code jambonz} (made by the assistant factory of that type), or {@code service} (a
 *        {@code VirtualAssistant} service registered with this id)
 * @param definition the definition as a JSON object text, including {@code type}
 */
public record AssistantSpec(String id, String type, String definition) {

    /** The types a definition may have. */
    public static final java.util.List<String> TYPES =
            java.util.List.of("app", "webhook", "jambonz", "websocket", "llm", "service");
}
