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
 * is reported as unknown instead of being forced onto the nearest phrase, and the fillers a caller says while
 * listening ("uh-huh", "hmm", "um"): without them a grammar-bound decoder hears a confident "agent" in "hmm". The
 * fillers the grammar adds are taken out of the results ({@link #added}), as {@code [unk]} is.
 */
final class Grammar {

    private static final String[] DIGITS = {
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"
    };

    /**
     * Fillers in the model's vocabulary, as it spells them. Not "mm": the decoder took a whole "payment" for it (with
     * these, 20 fillers in five voices come out clean and 30 menu phrases right).
     */
    static final List<String> FILLERS = List.of("um", "uh", "er", "ah", "hmm", "huh", "uh huh");

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
        List<String> own = normalize(phrases);
        for (String p : own) {
            a.add(p);
        }
        for (String f : FILLERS) {
            if (!own.contains(f)) {
                a.add(f);
            }
        }
        a.add("[unk]");
        return a.toString();
    }

    /** The filler words the grammar adds for these phrases: those no phrase uses, to be taken out of results. */
    static Set<String> added(List<String> phrases) {
        Set<String> used = new java.util.HashSet<>();
        for (String p : normalize(phrases)) {
            used.addAll(List.of(p.split(" ")));
        }
        Set<String> out = new java.util.HashSet<>();
        for (String f : FILLERS) {
            for (String w : f.split(" ")) {
                if (!used.contains(w)) {
                    out.add(w);
                }
            }
        }
        return Set.copyOf(out);
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
