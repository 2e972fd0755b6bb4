package org.switchboard.summary.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.Turn;

/**
 * What an agent needs from a recorded call, read from its events and turns: the intents in the order they came
 * ({@code assistant.intent}, an assistant's {@code set.intent}, a handoff's {@code X-Intent}), the values the bot
 * collected ({@code assistant.entity}, an assistant's {@code set.<name>}), a {@code resolution} it recorded, why it
 * handed over ({@code flow.transfer} reason), failed transfers, errors, and the caller's own words and keys.
 */
final class SummaryFacts {

    /** Intents that ask for a person rather than say why the caller called. */
    private static final Pattern AGENT =
            Pattern.compile("(?i).*(agent|operator|representative|human|person|" + "transfer).*");
    /** Intents an assistant gives when it did not understand. */
    private static final Pattern NOT_UNDERSTOOD = Pattern.compile(
            "(?i).*(unrecognized|unrecognised|no ?match|" + "no ?input|no ?selection|fallback|unknown|default).*");
    /** Answers to a yes/no question: not worth an agent's time. */
    private static final Pattern YES_NO = Pattern.compile("(?i)(yes|no|true|false|y|n)");
    /** Reasons that only name the mechanism, not the cause. */
    private static final Pattern GENERIC_REASON =
            Pattern.compile("(?i)(transfer ?to ?agent|agent ?transfer|" + "default|handoff)");

    private static final int MAX_VALUES = 4;

    final List<String> intents = new ArrayList<>();
    final Map<String, String> values = new LinkedHashMap<>();
    final List<String> failedTransfers = new ArrayList<>();
    final List<String> said = new ArrayList<>();
    final List<String> keyed = new ArrayList<>();
    String resolution;
    String handoffReason;
    String referTarget;
    String error;

    static SummaryFacts of(List<Turn> turns, List<ConversationEvent> events) {
        SummaryFacts f = new SummaryFacts();
        for (ConversationEvent e : events) {
            Map<String, String> a = e.attributes();
            switch (e.type()) {
                case "assistant.intent" -> f.intent(a.get("intent"));
                case "assistant.entity" -> f.value(a.get("name"), a.get("value"));
                case "assistant.action" ->
                    a.forEach((k, v) -> {
                        if (k.equals("set.intent")) {
                            f.intent(v);
                        } else if (k.equals("set.resolution")) {
                            f.resolution = blankToNull(v);
                        } else if (k.startsWith("set.")) {
                            f.value(k.substring(4), v);
                        }
                    });
                case "flow.transfer" -> {
                    f.handoffReason = a.getOrDefault("reason", f.handoffReason);
                    f.referTarget = a.getOrDefault("target", f.referTarget);
                }
                case "transfer.bye", "transfer.refer" -> f.intent(a.get("header.X-Intent"));
                case "transfer.failed" ->
                    f.failedTransfers.add(BuiltinSummarizer.clean(a.getOrDefault("referTo", "the agent line"), 80)
                            + " (" + a.getOrDefault("status", "no answer") + ")");
                case "flow.error", "call.error" -> f.error = a.getOrDefault("reason", f.error);
                default -> {}
            }
        }
        for (Turn t : turns) {
            if (t.direction() != Direction.INCOMING) {
                continue;
            }
            String text = t.text() == null ? "" : BuiltinSummarizer.clean(t.text(), BuiltinSummarizer.QUOTE_CHARS);
            if (!text.isEmpty()) {
                f.said.add(text);
            } else if (t.digits() != null) {
                f.keyed.add(BuiltinSummarizer.clean(t.digits(), 40));
            }
        }
        return f;
    }

    private void intent(String name) {
        String v = blankToNull(name);
        if (v != null && (intents.isEmpty() || !intents.get(intents.size() - 1).equalsIgnoreCase(v))) {
            intents.add(BuiltinSummarizer.clean(v, 60));
        }
    }

    private void value(String name, String value) {
        String n = blankToNull(name);
        String v = blankToNull(value);
        if (n == null
                || v == null
                || n.startsWith("_")
                || YES_NO.matcher(v.trim()).matches()
                || values.size() >= MAX_VALUES && !values.containsKey(n)) {
            return;
        }
        values.put(n, BuiltinSummarizer.clean(v, 80));
    }

    /** The first intent that says why the caller called (not a request for an agent, not a failure to understand). */
    String topic() {
        return intents.stream()
                .filter(i -> !AGENT.matcher(i).matches()
                        && !NOT_UNDERSTOOD.matcher(i).matches())
                .findFirst()
                .orElse(null);
    }

    boolean askedForAgent() {
        return !intents.isEmpty()
                && AGENT.matcher(intents.get(intents.size() - 1)).matches();
    }

    boolean notUnderstood() {
        return !intents.isEmpty()
                && NOT_UNDERSTOOD.matcher(intents.get(intents.size() - 1)).matches();
    }

    /** The flow's stated reason for a handoff, unless it only names the mechanism. */
    String specificHandoffReason() {
        return handoffReason == null
                        || GENERIC_REASON.matcher(handoffReason.trim()).matches()
                ? null
                : handoffReason;
    }

    /** Spoken digits: an answer the bot collected as a value, not a sentence. */
    private static final Pattern SPOKEN_NUMBER = Pattern.compile("(?i)((zero|oh|one|two|three|four|five|six|seven|"
            + "eight|nine|ten|hundred|thousand|double|triple|[0-9]+)\\s*)+");

    /** The caller's sentences worth quoting: three words or more (a menu choice is not), not spoken digits. */
    List<String> sentences() {
        return said.stream()
                .filter(s ->
                        s.split("\\s+").length >= 3 && !SPOKEN_NUMBER.matcher(s).matches())
                .toList();
    }

    static String words(String name) {
        String spaced = BuiltinSummarizer.clean(name, 60)
                .replaceAll("([a-z0-9])([A-Z])", "$1 $2")
                .replace('_', ' ')
                .replace('-', ' ');
        return spaced.toLowerCase(Locale.ROOT).trim();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
