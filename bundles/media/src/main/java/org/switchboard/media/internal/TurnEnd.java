package org.switchboard.media.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a gather's grammar says about the words heard so far: whether they are words at all (not only fillers such as
 * "uh-huh" or a grammar's unknown-word token), and whether they complete an answer. A choice grammar is complete on
 * one of its phrases that no other phrase extends ("order" waits while "order status" is possible); a digit entry
 * ({@code maxDigits} above 1) is complete when that many of its one-word phrases were heard. Free-form speech is
 * never complete: only the end silence or the recognizer ends it.
 */
final class TurnEnd {

    private static final Pattern UNKNOWN = Pattern.compile("\\[unk\\]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Set<String> FILLERS = Set.of(
            "uh", "um", "uhm", "umm", "er", "erm", "ah", "hmm", "hm", "mm", "mmm", "mhm", "huh", "uh-huh", "mm-hmm");

    private final Set<String> phrases = new HashSet<>();
    private final Set<String> prefixes = new HashSet<>();
    private final Set<String> words = new HashSet<>();
    private final int maxDigits;

    TurnEnd(List<String> grammar, int maxDigits) {
        this.maxDigits = maxDigits;
        for (String p : grammar) {
            String phrase = clean(p);
            if (phrase.isEmpty()) {
                continue;
            }
            phrases.add(phrase);
            String[] w = phrase.split(" ");
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < w.length - 1; i++) {
                prefix.append(i == 0 ? "" : " ").append(w[i]);
                prefixes.add(prefix.toString());
            }
            if (w.length == 1) {
                words.add(phrase);
            }
        }
    }

    /** Lower case, without unknown-word tokens, single-spaced. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        String t = UNKNOWN.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ");
        return SPACES.matcher(t).replaceAll(" ").trim();
    }

    /** Whether the text holds a word that is not a filler (a filler that is one of the grammar's phrases counts). */
    boolean hasWords(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (String w : text.split(" ")) {
            if (!FILLERS.contains(w) || words.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the text is a complete answer to the grammar. */
    boolean complete(String text) {
        if (phrases.isEmpty() || text.isEmpty()) {
            return false;
        }
        if (maxDigits > 1) {
            String[] w = text.split(" ");
            if (w.length < maxDigits) {
                return false;
            }
            for (String word : w) {
                if (!words.contains(word)) {
                    return false;
                }
            }
            return true;
        }
        return phrases.contains(text) && !prefixes.contains(text);
    }
}
