package org.switchboard.assistant.internal.app;

import java.util.List;
import java.util.Optional;

import org.switchboard.assistant.internal.app.AppModel.Intent;

/**
 * Picks the intent an utterance means, tolerating recognizer errors: each example phrase scores the share of its
 * words found in the utterance (a word is found when it is alike enough to one word of the utterance, or to two
 * neighbouring words run together, as in "stat us" for "status"); a keyword found scores 0.8. The best intent wins
 * when it scores at least {@value #THRESHOLD} and clearly beats the runner-up.
 */
final class IntentMatcher {

    static final double THRESHOLD = 0.6;
    private static final double WORD = 0.75;
    private static final double MARGIN = 0.1;
    private static final List<String> FILLER = List.of(
            "a", "an", "the", "to", "i", "my", "me", "please", "want", "would", "like", "id", "im", "can", "you", "is",
            "it", "of", "with", "for", "and", "about", "on", "in");

    private final List<Intent> intents;

    IntentMatcher(List<Intent> intents) {
        this.intents = intents;
    }

    /** The scored best intent, if any passes. */
    Optional<Intent> match(String utterance) {
        List<String> words = Words.tokens(utterance);
        if (words.isEmpty()) {
            return Optional.empty();
        }
        Intent best = null;
        double bestScore = 0;
        double second = 0;
        for (Intent intent : intents) {
            double s = score(intent, words);
            if (s > bestScore) {
                second = bestScore;
                bestScore = s;
                best = intent;
            } else if (s > second) {
                second = s;
            }
        }
        return bestScore >= THRESHOLD && bestScore - second >= MARGIN ? Optional.ofNullable(best) : Optional.empty();
    }

    /** The intent whose DTMF key this is. */
    Optional<Intent> byKey(String digits) {
        return intents.stream()
                .filter(i -> digits != null && digits.equals(i.dtmf()))
                .findFirst();
    }

    static double score(Intent intent, List<String> words) {
        double best = 0;
        for (String example : intent.examples()) {
            List<String> ex = Words.tokens(example).stream()
                    .filter(w -> !FILLER.contains(w))
                    .toList();
            if (ex.isEmpty()) {
                ex = Words.tokens(example);
            }
            int found = 0;
            for (String w : ex) {
                if (found(w, words)) {
                    found++;
                }
            }
            best = Math.max(best, ex.isEmpty() ? 0 : (double) found / ex.size());
        }
        for (String k : intent.keywords()) {
            List<String> kw = Words.tokens(k);
            if (!kw.isEmpty() && kw.stream().allMatch(w -> found(w, words))) {
                best = Math.max(best, 0.8);
            }
        }
        return best;
    }

    private static boolean found(String word, List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            if (Words.similarity(word, words.get(i)) >= WORD) {
                return true;
            }
            if (i + 1 < words.size() && Words.similarity(word, words.get(i) + words.get(i + 1)) >= WORD) {
                return true;
            }
        }
        return false;
    }
}
