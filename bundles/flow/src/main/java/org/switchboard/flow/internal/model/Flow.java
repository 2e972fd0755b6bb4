package org.switchboard.flow.internal.model;

import java.util.Map;
import java.util.Optional;

/**
 * A validated flow: nodes by id and the node a call starts at.
 *
 * @param id the flow id, referenced by attachments
 * @param name a display name
 * @param botId the bot answering calls of this flow ({@code st-<uuid>}), or {@code null}
 * @param start the first node's id
 * @param nodes nodes by id, in document order
 * @param assistants the virtual assistants its automation nodes may name, by id
 */
public record Flow(
        String id,
        String name,
        String botId,
        String start,
        Map<String, Node> nodes,
        Map<String, AssistantSpec> assistants) {

    /** A flow without assistants. */
    public Flow(String id, String name, String botId, String start, Map<String, Node> nodes) {
        this(id, name, botId, start, nodes, Map.of());
    }

    /** This flow answered by {@code bot}. */
    public Flow withBotId(String bot) {
        return new Flow(id, name, bot, start, nodes, assistants);
    }

    /** The node with this id. */
    public Optional<Node> node(String nodeId) {
        return Optional.ofNullable(nodes.get(nodeId));
    }

    /** The node a call starts at. */
    public Node startNode() {
        return nodes.get(start);
    }
}
