package org.switchboard.summary.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.EndedBy;
import org.switchboard.api.conversation.Summarizer;
import org.switchboard.api.conversation.Summary;
import org.switchboard.api.conversation.Turn;

/**
 * The offline summarizer: two to four English sentences built from what was recorded (who called what, the intents
 * and entities the assistant found, the caller's own words, the tasks the call went through, how it ended and why).
 * Deterministic, no network. It reads these events when present: {@code assistant.intent} ({@code intent}),
 * {@code assistant.entity} ({@code name}, {@code value}), {@code flow.transfer} ({@code reason}, {@code target}),
 * {@code transfer.bye}/{@code transfer.refer} ({@code header.<name>}, e.g. {@code header.X-Intent}),
 * {@code transfer.failed} ({@code referTo}, {@code status}) and {@code flow.error}/{@code call.error}
 * ({@code reason}).
 */
@Component(property = Summarizer.SUMMARIZER_ID + "=" + BuiltinSummarizer.ID)
public class BuiltinSummarizer implements Summarizer {

    /** This summarizer's id. */
    public static final String ID = "builtin";

    private static final int QUOTE_CHARS = 160;
    private static final int MAX_TASKS = 6;

    private final Clock clock;

    public BuiltinSummarizer() {
        this(Clock.systemUTC());
    }

    BuiltinSummarizer(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Summary summarize(Conversation c, List<Turn> turns, List<ConversationEvent> events, String lang) {
        Set<String> intents = new LinkedHashSet<>();
        Map<String, String> entities = new LinkedHashMap<>();
        String handoffReason = null;
        String referTarget = null;
        String error = null;
        List<String> failedTransfers = new ArrayList<>();
        for (ConversationEvent e : events) {
            Map<String, String> a = e.attributes();
            switch (e.type()) {
                case "assistant.intent" -> add(intents, a.get("intent"));
                case "assistant.entity" -> {
                    if (a.get("name") != null && a.get("value") != null) {
                        entities.put(words(a.get("name")), clean(a.get("value"), 60));
                    }
                }
                case "flow.transfer" -> {
                    handoffReason = a.getOrDefault("reason", handoffReason);
                    referTarget = a.getOrDefault("target", referTarget);
                }
                case "transfer.bye", "transfer.refer" -> add(intents, a.get("header.X-Intent"));
                case "transfer.failed" -> failedTransfers.add(clean(a.getOrDefault("referTo", "the agent line"), 80)
                        + " (" + a.getOrDefault("status", "no answer") + ")");
                case "flow.error", "call.error" -> error = a.getOrDefault("reason", error);
                default -> { }
            }
        }
        List<String> sentences = new ArrayList<>();
        sentences.add(opening(c, intents));
        String words = callerWords(turns, entities);
        if (words != null) {
            sentences.add(words);
        }
        String path = path(c, failedTransfers);
        if (path != null) {
            sentences.add(path);
        }
        sentences.add(outcome(c, handoffReason, referTarget, error));
        return new Summary(c.sessionId(), String.join(" ", sentences), "en", ID, clock.instant(), null);
    }

    private static String opening(Conversation c, Set<String> intents) {
        StringBuilder s = new StringBuilder("The caller");
        if (c.caller() != null && !c.caller().isBlank()) {
            s.append(" (").append(clean(c.caller(), 40)).append(')');
        }
        s.append(c.isActive() ? " is calling " : " called ").append(c.did() == null ? "the bot" : clean(c.did(), 40));
        if (!intents.isEmpty()) {
            s.append(" about ").append(join(intents.stream().map(BuiltinSummarizer::words).toList()));
        }
        return s.append('.').toString();
    }

    private static String callerWords(List<Turn> turns, Map<String, String> entities) {
        List<String> said = new ArrayList<>();
        List<String> keyed = new ArrayList<>();
        for (Turn t : turns) {
            if (t.direction() != Direction.INCOMING) {
                continue;
            }
            if (t.text() != null && !t.text().isBlank()) {
                said.add(clean(t.text(), QUOTE_CHARS));
            } else if (t.digits() != null) {
                keyed.add(clean(t.digits(), 40));
            }
        }
        List<String> parts = new ArrayList<>();
        if (!said.isEmpty()) {
            String quote = "\"" + said.get(0) + "\"";
            if (said.size() > 1 && !said.get(said.size() - 1).equals(said.get(0))) {
                quote += " and later \"" + said.get(said.size() - 1) + "\"";
            }
            parts.add("said " + quote);
        }
        if (!entities.isEmpty()) {
            parts.add("gave " + join(entities.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
        } else if (!keyed.isEmpty()) {
            parts.add("entered " + join(keyed) + " on the keypad");
        }
        return parts.isEmpty() ? null : "They " + join(parts) + ".";
    }

    private static String path(Conversation c, List<String> failedTransfers) {
        List<String> tasks = new ArrayList<>();
        for (String t : c.taskPath()) {
            String w = clean(t, 60);
            if (tasks.isEmpty() || !tasks.get(tasks.size() - 1).equals(w)) {
                tasks.add(w);
            }
        }
        StringBuilder s = new StringBuilder();
        if (!tasks.isEmpty()) {
            List<String> shown = tasks.size() > MAX_TASKS ? tasks.subList(tasks.size() - MAX_TASKS, tasks.size()) : tasks;
            s.append("The call went through ").append(tasks.size() > MAX_TASKS ? "…, " : "")
                    .append(String.join(", ", shown)).append('.');
        }
        if (!failedTransfers.isEmpty()) {
            s.append(s.length() == 0 ? "" : " ").append("A transfer to ").append(join(failedTransfers)).append(" failed.");
        }
        return s.length() == 0 ? null : s.toString();
    }

    private String outcome(Conversation c, String handoffReason, String referTarget, String error) {
        if (c.isActive()) {
            return c.handoffAt() != null ? "The bot is handing the call to an agent now."
                    : "The call is still in progress" + (c.taskPath().isEmpty() ? "" : " at "
                            + clean(c.taskPath().get(c.taskPath().size() - 1), 60)) + ".";
        }
        String after = " after " + duration(Duration.between(c.startedAt(), c.endedAt()));
        String reason = c.endReason() == null ? null : clean(c.endReason(), 120);
        EndedBy by = c.endedBy() == null ? EndedBy.ERROR : c.endedBy();
        return switch (by) {
            case TRANSFER -> "The bot handed the call to an agent"
                    + (referTarget != null ? " at " + clean(referTarget, 80) : "")
                    + (handoffReason != null ? " because " + lowerFirst(clean(handoffReason, 120))
                            : reason != null ? " (" + reason + ")" : "")
                    + after + ".";
            case BOT -> "The bot ended the call" + after + (reason == null ? "" : " (" + reason + ")") + ".";
            case CALLER -> "The caller hung up" + after
                    + (c.taskPath().isEmpty() ? "" : ", during " + clean(c.taskPath().get(c.taskPath().size() - 1), 60))
                    + ".";
            case ERROR -> "The call ended on an error" + after + ": "
                    + clean(error != null ? error : reason != null ? reason : "unknown", 160) + ".";
            case SYSTEM -> "The gateway ended the call" + after + (reason == null ? "" : " (" + reason + ")") + ".";
        };
    }

    private static void add(Set<String> to, String value) {
        if (value != null && !value.isBlank()) {
            to.add(clean(value, 60));
        }
    }

    /** {@code OrderStatus}, {@code order_status} → {@code order status}. */
    static String words(String name) {
        String spaced = clean(name, 60).replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').replace('-', ' ');
        return spaced.toLowerCase(Locale.ROOT).trim();
    }

    /** Caller-controlled text made one short, printable line. */
    static String clean(String text, int max) {
        // "[unk]": a speech grammar's unknown word, in transcripts recorded before recognizers dropped it
        String s = text.replace("[unk]", " ").replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", " ").replaceAll("\\s+", " ")
                .strip()
                .replace('"', '\'');
        return s.length() <= max ? s : s.substring(0, max - 1).stripTrailing() + "…";
    }

    private static String join(List<String> items) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() || (s.length() > 1 && Character.isUpperCase(s.charAt(1))) ? s
                : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + (s == 1 ? " second" : " seconds");
        }
        long m = s / 60;
        long rest = s % 60;
        return m + (m == 1 ? " minute" : " minutes") + (rest == 0 ? "" : " " + rest + (rest == 1 ? " second" : " seconds"));
    }
}
