package org.switchboard.assistant.internal.app;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Text as a recognizer gives it: normalized words, fuzzy word comparison, spoken digits and numbers. */
final class Words {

    private static final Map<String, Integer> UNITS = Map.ofEntries(
            Map.entry("zero", 0),
            Map.entry("oh", 0),
            Map.entry("o", 0),
            Map.entry("one", 1),
            Map.entry("two", 2),
            Map.entry("to", 2),
            Map.entry("too", 2),
            Map.entry("three", 3),
            Map.entry("four", 4),
            Map.entry("for", 4),
            Map.entry("five", 5),
            Map.entry("six", 6),
            Map.entry("seven", 7),
            Map.entry("eight", 8),
            Map.entry("nine", 9),
            Map.entry("ten", 10),
            Map.entry("eleven", 11),
            Map.entry("twelve", 12),
            Map.entry("thirteen", 13),
            Map.entry("fourteen", 14),
            Map.entry("fifteen", 15),
            Map.entry("sixteen", 16),
            Map.entry("seventeen", 17),
            Map.entry("eighteen", 18),
            Map.entry("nineteen", 19));
    private static final Map<String, Integer> TENS = Map.of(
            "twenty", 20, "thirty", 30, "forty", 40, "fifty", 50, "sixty", 60, "seventy", 70, "eighty", 80, "ninety",
            90);

    /** Digit-by-digit phrases for a recognizer grammar. */
    static final List<String> DIGIT_PHRASES =
            List.of("zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");

    private Words() {}

    static List<String> tokens(String text) {
        if (text == null) {
            return List.of();
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replace("'s ", " ")
                .replaceAll("[^a-z0-9' ]+", " ");
        List<String> out = new ArrayList<>();
        for (String w : s.trim().split("\\s+")) {
            if (!w.isEmpty() && !w.equals("[unk]") && !w.equals("unk")) {
                out.add(w.replace("'", ""));
            }
        }
        return out;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** How alike two words are, 0 to 1; short words must match exactly (an ASR error there changes the word). */
    static double similarity(String a, String b) {
        if (a.equals(b)) {
            return 1;
        }
        int len = Math.max(a.length(), b.length());
        if (Math.min(a.length(), b.length()) < 3) {
            return 0;
        }
        return 1 - (double) distance(a, b) / len;
    }

    /**
     * The digits spoken or typed in {@code text} ("four seven one two", "4712", "oh nine", "twenty one"), or
     * {@code null} when it holds a word that is not a number.
     */
    static String digits(String text) {
        StringBuilder out = new StringBuilder();
        List<String> words = tokens(text);
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.matches("[0-9]+")) {
                out.append(w);
            } else if (TENS.containsKey(w)) {
                int v = TENS.get(w);
                if (i + 1 < words.size()
                        && UNITS.containsKey(words.get(i + 1))
                        && UNITS.get(words.get(i + 1)) < 10
                        && UNITS.get(words.get(i + 1)) > 0) {
                    v += UNITS.get(words.get(++i));
                }
                out.append(v);
            } else if (UNITS.containsKey(w)) {
                out.append(UNITS.get(w));
            } else if (w.equals("double") && i + 1 < words.size() && UNITS.containsKey(words.get(i + 1))) {
                out.append(UNITS.get(words.get(i + 1)));
            } else if (!w.equals("and")
                    && !w.equals("is")
                    && !w.equals("its")
                    && !w.equals("number")
                    && !w.equals("my")
                    && !w.equals("uh")
                    && !w.equals("um")) {
                return null;
            }
        }
        return out.length() == 0 ? null : out.toString();
    }

    /** {@code yes}, {@code no} or {@code null}. */
    static String yesNo(String text) {
        for (String w : tokens(text)) {
            if (List.of("yes", "yeah", "yep", "yup", "sure", "correct", "right", "ok", "okay", "absolutely")
                    .contains(w)) {
                return "yes";
            }
            if (List.of("no", "nope", "nah", "not", "negative", "wrong").contains(w)) {
                return "no";
            }
        }
        return null;
    }
}
