package org.switchboard.api.assistant;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One thing an assistant asks the call to do. The call carries out a turn's actions in order; the dialogue ends
 * with the first {@link Transfer}, {@link Hangup} or {@link End}.
 */
public sealed interface AssistantAction {

    /**
     * Say text to the caller.
     *
     * @param voice a voice of an installed synthesizer, or {@code null} for the flow's (since 1.5)
     */
    record Say(String text, boolean bargeIn, String voice) implements AssistantAction {
        /** Said in the flow's voice. */
        public Say(String text, boolean bargeIn) {
            this(text, bargeIn, null);
        }
    }

    /** Play an audio resource. */
    record Play(String uri, boolean bargeIn) implements AssistantAction {}

    /**
     * Listen for the caller's next input, with phrase hints for the recognizer.
     *
     * @param terminator the key that ends a digit entry ({@code null}: {@code #} when more than one digit is asked
     *     for, since 1.4)
     */
    record Gather(
            boolean dtmf, boolean speech, int maxDigits, List<String> phrases, Duration timeout, String terminator)
            implements AssistantAction {
        /** Copies the phrases; checks the terminator is one key. */
        public Gather {
            phrases = phrases == null ? List.of() : List.copyOf(phrases);
            if (terminator != null
                    && (terminator.length() != 1 || "0123456789*#ABCD".indexOf(terminator.charAt(0)) < 0)) {
                throw new IllegalArgumentException(
                        "the terminator must be one key (0-9, *, #, A-D), was " + terminator);
            }
        }

        /** A gather whose digit entry ends with {@code #} when more than one digit is asked for. */
        public Gather(boolean dtmf, boolean speech, int maxDigits, List<String> phrases, Duration timeout) {
            this(dtmf, speech, maxDigits, phrases, timeout, null);
        }
    }

    /** Hand the caller to a human agent, with a reason (e.g. the intent) and extra headers. */
    record Transfer(String reason, String target, Map<String, String> headers) implements AssistantAction {
        /** Copies the headers. */
        public Transfer {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }
    }

    /** End the call from the bot side with extra headers. */
    record Hangup(Map<String, String> headers) implements AssistantAction {
        /** Copies the headers. */
        public Hangup {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }
    }

    /** Merge values into the conversation context. */
    record SetContext(Map<String, Object> values) implements AssistantAction {
        /** Copies the values. */
        public SetContext {
            values = values == null ? Map.of() : Map.copyOf(values);
        }
    }

    /** Give the dialogue back to the flow; the flow continues on the {@code resolved} edge. */
    record End() implements AssistantAction {}
}
