package org.switchboard.flow.internal.model;

import static org.switchboard.flow.internal.model.Setting.optional;
import static org.switchboard.flow.internal.model.Setting.required;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.switchboard.flow.internal.model.Setting.Kind;

/**
 * The node types of a flow (DESIGN.md §5): the settings each accepts and the outcomes it can leave by. A node's
 * {@code next} maps outcomes to node ids; an outcome without an edge ends the flow there (the call is then ended
 * by the runtime with its default hang-up).
 */
public enum NodeType {
    /** Say text or play audio. */
    MESSAGE(
            "message",
            List.of(
                    optional("text", Kind.STRING),
                    optional("audio", Kind.STRING),
                    optional("bargeIn", Kind.BOOLEAN),
                    optional("voice", Kind.STRING)),
            Set.of("done", "error")),
    /** Prompt and collect DTMF and/or speech into a variable. */
    GATHER(
            "gather",
            List.of(
                    required("variable", Kind.STRING),
                    optional("prompt", Kind.STRING),
                    optional("dtmf", Kind.BOOLEAN),
                    optional("speech", Kind.BOOLEAN),
                    optional("maxDigits", Kind.INTEGER),
                    optional("terminator", Kind.STRING),
                    optional("phrases", Kind.STRING_LIST),
                    optional("noInputTimeoutMs", Kind.INTEGER),
                    optional("interDigitTimeoutMs", Kind.INTEGER),
                    optional("retries", Kind.INTEGER),
                    optional("bargeIn", Kind.BOOLEAN),
                    optional("voice", Kind.STRING),
                    optional("commitSilenceMs", Kind.INTEGER),
                    optional("endSilenceMs", Kind.INTEGER),
                    optional("resumeWindowMs", Kind.INTEGER)),
            Set.of("match", "noInput", "noMatch", "error")),
    /** Hand the dialogue to a virtual assistant until it ends. */
    AUTOMATION(
            "automation",
            List.of(
                    required("assistant", Kind.STRING),
                    optional("turnTimeoutMs", Kind.INTEGER),
                    optional("maxTurns", Kind.INTEGER),
                    optional("voice", Kind.STRING),
                    optional("commitSilenceMs", Kind.INTEGER),
                    optional("endSilenceMs", Kind.INTEGER),
                    optional("resumeWindowMs", Kind.INTEGER)),
            Set.of("resolved", "hangup", "agent", "error")),
    /** Branch on a JavaScript expression over the context. */
    CONDITION("condition", List.of(required("expression", Kind.STRING)), Set.of("true", "false", "error")),
    /** Run a sandboxed JavaScript snippet with {@code context}, {@code print} and {@code voiceUtils}. */
    SCRIPT(
            "script",
            List.of(required("code", Kind.STRING), optional("timeoutMs", Kind.INTEGER)),
            Set.of("done", "error", "transferFailed")),
    /** Hand the call back to the contact center by BYE with headers or by REFER. */
    AGENT_TRANSFER(
            "agentTransfer",
            List.of(
                    optional("method", Kind.STRING),
                    optional("target", Kind.STRING),
                    optional("reason", Kind.STRING),
                    optional("message", Kind.STRING),
                    optional("headers", Kind.STRING_MAP),
                    optional("headerSet", Kind.STRING),
                    optional("voice", Kind.STRING)),
            Set.of("failed")),
    /** End the call from the bot side. */
    HANGUP(
            "hangup",
            List.of(
                    optional("message", Kind.STRING),
                    optional("headers", Kind.STRING_MAP),
                    optional("headerSet", Kind.STRING),
                    optional("voice", Kind.STRING)),
            Set.of()),
    /** Pause for a number of milliseconds. */
    WAIT("wait", List.of(required("ms", Kind.INTEGER)), Set.of("done"));

    private final String jsonName;
    private final List<Setting> settings;
    private final Set<String> outcomes;

    NodeType(String jsonName, List<Setting> settings, Set<String> outcomes) {
        this.jsonName = jsonName;
        this.settings = settings;
        this.outcomes = outcomes;
    }

    /** The name used in flow documents, e.g. {@code agentTransfer}. */
    public String jsonName() {
        return jsonName;
    }

    List<Setting> settings() {
        return settings;
    }

    /** The outcomes a node of this type can leave by. */
    public Set<String> outcomes() {
        return outcomes;
    }

    Optional<Setting> setting(String name) {
        return settings.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The type named {@code name} in a flow document. */
    public static Optional<NodeType> byJsonName(String name) {
        return Arrays.stream(values()).filter(t -> t.jsonName.equals(name)).findFirst();
    }

    static String known() {
        return String.join(", ", Arrays.stream(values()).map(NodeType::jsonName).toList());
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
