package org.switchboard.api.assistant;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Makes {@link VirtualAssistant}s of one kind from their definitions in a flow document's {@code assistants}
 * section ({@code "<id>": {"type": "<kind>", ...}}). Registered as an OSGi service with the property
 * {@value #TYPE}; the flow runtime tracks factories with a dynamic reference, asks them to check definitions when a
 * workspace is imported, and creates an assistant when a call reaches an automation node.
 *
 * <p>Implemented by assistant bundles, e.g. {@code app} (the built-in intent/task app) and {@code webhook}.
 */
@ConsumerType
public interface AssistantFactory {

    /** The service property with the kind of assistant this factory makes, as a definition's {@code type}. */
    String TYPE = "assistant.type";

    /**
     * Checks a definition and makes its assistant.
     *
     * @param id the assistant's id in its flow
     * @param definition the definition as a JSON object (including {@code type})
     * @return the assistant, ready for turns; it may be shared by many calls at once
     * @throws IllegalArgumentException when the definition is invalid; the message says what and where (a JSON
     *         path inside the definition, e.g. {@code intents[2].examples})
     */
    VirtualAssistant create(String id, String definition);
}
