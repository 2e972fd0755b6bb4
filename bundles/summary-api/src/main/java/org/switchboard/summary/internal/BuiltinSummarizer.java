package org.switchboard.summary.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.conversation.EndedBy;
import org.switchboard.api.conversation.Summarizer;
import org.switchboard.api.conversation.Summary;
import org.switchboard.api.conversation.Turn;

/**
 * The offline summarizer: three or four English sentences an agent can act on, built from what was recorded (see
 * {@link SummaryFacts}): why the caller called (the first intent that is not a request for an agent), what the bot
 * collected and found (order number 4712, order status shipped), how it ended and why (handed over because the caller
 * asked for an agent, resolved, hung up during a task), and how long it took. The caller's own sentences are quoted.
 * Deterministic, no network; recognizer {@code [unk]} tokens never appear.
 */
@Component(property = Summarizer.SUMMARIZER_ID + "=" + BuiltinSummarizer.ID)
public class BuiltinSummarizer implements Summarizer {

    /** This summarizer's id. */
    public static final String ID = "builtin";

    static final int QUOTE_CHARS = 160;

    private final Clock clock;

    public BuiltinSummarizer() {
        this(Clock.systemUTC());
    }

    BuiltinSummarizer(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Summary summarize(Conversation c, List<Turn> turns, List<ConversationEvent> events, String lang) {
        SummaryFacts f = SummaryFacts.of(turns, events);
        List<String> sentences = new ArrayList<>();
        sentences.add(opening(c, f));
        String words = callerWords(f);
        if (words != null) {
            sentences.add(words);
        }
        if (!f.failedTransfers.isEmpty()) {
            sentences.add("A transfer to " + join(f.failedTransfers) + " failed.");
        }
        sentences.add(outcome(c, f));
        return new Summary(c.sessionId(), String.join(" ", sentences), "en", ID, clock.instant(), null);
    }

    private static String opening(Conversation c, SummaryFacts f) {
        StringBuilder s = new StringBuilder("The caller");
        if (c.caller() != null && !c.caller().isBlank()) {
            s.append(" (").append(clean(c.caller(), 40)).append(')');
        }
        s.append(c.isActive() ? " is calling " : " called ").append(c.did() == null ? "the bot" : clean(c.did(), 40));
        String topic = f.topic();
        if (topic != null) {
            s.append(" about ").append(SummaryFacts.words(topic));
        } else if (f.askedForAgent()) {
            s.append(" and asked for an agent");
        }
        return s.append('.').toString();
    }

    /** Their words, then what the bot collected (or the keys pressed when it collected nothing). */
    private static String callerWords(SummaryFacts f) {
        List<String> parts = new ArrayList<>();
        List<String> sentences = f.sentences();
        if (!sentences.isEmpty()) {
            String quote = "\"" + sentences.get(0) + "\"";
            if (sentences.size() > 1 && !sentences.get(sentences.size() - 1).equals(sentences.get(0))) {
                quote += " and later \"" + sentences.get(sentences.size() - 1) + "\"";
            }
            parts.add("They said " + quote + ".");
        }
        if (!f.values.isEmpty()) {
            parts.add("The bot collected "
                    + join(f.values.entrySet().stream()
                            .map(e -> SummaryFacts.words(e.getKey()) + " " + e.getValue())
                            .toList())
                    + ".");
        } else if (!f.keyed.isEmpty()) {
            parts.add("They entered " + join(f.keyed) + " on the keypad.");
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    private String outcome(Conversation c, SummaryFacts f) {
        if (c.isActive()) {
            return c.handoffAt() != null
                    ? "The bot is handing the call to an agent now."
                    : "The call is still in progress"
                            + (c.taskPath().isEmpty()
                                    ? ""
                                    : " at "
                                            + clean(
                                                    c.taskPath()
                                                            .get(c.taskPath().size() - 1),
                                                    60))
                            + ".";
        }
        String after = " after " + duration(Duration.between(c.startedAt(), c.endedAt()));
        String reason = c.endReason() == null ? null : clean(c.endReason(), 120);
        EndedBy by = c.endedBy() == null ? EndedBy.ERROR : c.endedBy();
        return switch (by) {
            case TRANSFER ->
                "The bot handed the call to an agent" + (f.referTarget != null ? " at " + clean(f.referTarget, 80) : "")
                        + why(f) + after + ".";
            case BOT ->
                (f.resolution != null
                                ? "The bot resolved the call (" + SummaryFacts.words(f.resolution) + ") and ended it"
                                : "The bot ended the call")
                        + after
                        + (reason == null || f.resolution != null ? "" : " (" + reason + ")") + ".";
            case CALLER ->
                "The caller hung up" + after
                        + (c.taskPath().isEmpty()
                                ? ""
                                : ", during "
                                        + clean(c.taskPath().get(c.taskPath().size() - 1), 60))
                        + ".";
            case ERROR ->
                "The call ended on an error" + after + ": "
                        + clean(f.error != null ? f.error : reason != null ? reason : "unknown", 160) + ".";
            case SYSTEM -> "The gateway ended the call" + after + (reason == null ? "" : " (" + reason + ")") + ".";
        };
    }

    /** Why the call was handed over, in the words an agent needs. */
    private static String why(SummaryFacts f) {
        String stated = f.specificHandoffReason();
        if (stated != null) {
            return " because " + lowerFirst(clean(stated, 120));
        }
        if (f.askedForAgent()) {
            return " because the caller asked for one";
        }
        if (f.notUnderstood()) {
            return " because the bot could not tell what the caller wanted";
        }
        String topic = f.topic();
        return topic == null ? "" : " for " + SummaryFacts.words(topic);
    }

    /** Caller-controlled text made one short, printable line. */
    static String clean(String text, int max) {
        // "[unk]": a speech grammar's unknown word, in transcripts recorded before recognizers dropped it
        String s = text.replace("[unk]", " ")
                .replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", " ")
                .replaceAll("\\s+", " ")
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
        return s.isEmpty() || (s.length() > 1 && Character.isUpperCase(s.charAt(1)))
                ? s
                : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + (s == 1 ? " second" : " seconds");
        }
        long m = s / 60;
        long rest = s % 60;
        return m
                + (m == 1 ? " minute" : " minutes")
                + (rest == 0 ? "" : " " + rest + (rest == 1 ? " second" : " seconds"));
    }
}
