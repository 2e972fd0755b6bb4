package org.switchboard.speech.vosk.internal;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.google.gson.JsonArray;

/**
 * A Vosk grammar from the phrases a prompt expects: lower case, punctuation removed, digits spelled out as words
 * (the model's vocabulary has no digits), duplicates dropped, plus {@code [unk]} so that speech matching no phrase
 * is reported as unknown instead of being forced onto the nearest phrase.
 */
final class Grammar {

    private static final String[] DIGITS = {
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"
    };

    private Grammar() {}

    /** The phrases in the form the recognizer reports them. */
    static List<String> normalize(List<String> phrases) {
        Set<String> out = new LinkedHashSet<>();
        for (String p : phrases) {
            String n = phrase(p);
            if (!n.isEmpty()) {
                out.add(n);
            }
        }
        return List.copyOf(out);
    }

    /** The JSON array Vosk takes as a grammar. */
    static String json(List<String> phrases) {
        JsonArray a = new JsonArray();
        for (String p : normalize(phrases)) {
            a.add(p);
        }
        a.add("[unk]");
        return a.toString();
    }

    static String phrase(String p) {
        if (p == null) {
            return "";
        }
        String s = Normalizer.normalize(p, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(' ').append(DIGITS[c - '0']).append(' ');
            } else if (Character.isLetter(c) || c == '\'') {
                b.append(c);
            } else {
                b.append(' ');
            }
        }
        return b.toString().trim().replaceAll("\\s+", " ");
    }
}
