package org.switchboard.assistant.llm.internal;

import java.util.function.Consumer;

/**
 * Cuts streamed text into sentences to speak. A sentence ends at {@code .}, {@code !} or {@code ?} followed by a
 * space, or at a line break; it is handed on as soon as the next one starts (so the last one is known: it stays
 * until {@link #rest()}). Markdown emphasis and list markers, which a voice should not read, are dropped.
 */
final class Sentences {

    private final Consumer<String> ready;
    private final StringBuilder open = new StringBuilder();
    private String complete;

    Sentences(Consumer<String> ready) {
        this.ready = ready;
    }

    void add(String piece) {
        for (int i = 0; i < piece.length(); i++) {
            char c = piece.charAt(i);
            if (c == '*' || c == '#' || c == '`') {
                continue;
            }
            if (c == '\n' || c == '\r') {
                end();
                continue;
            }
            if (Character.isWhitespace(c) && endsSentence()) {
                end();
                continue;
            }
            if (!Character.isWhitespace(c) && complete != null) {
                ready.accept(complete); // the next sentence started: that one was not the last
                complete = null;
            }
            if (open.length() > 0 || !Character.isWhitespace(c)) {
                open.append(c);
            }
        }
    }

    private boolean endsSentence() {
        int n = open.length();
        if (n < 2) {
            return false;
        }
        char last = open.charAt(n - 1);
        // "e.g." and "Mr." are rare on the phone; a digit before the dot ("3.5") has no space after it
        return last == '.' || last == '!' || last == '?';
    }

    private void end() {
        String s = open.toString().strip();
        open.setLength(0);
        if (s.replaceAll("[^\\p{L}\\p{N}]", "").isEmpty()) {
            return;
        }
        if (complete != null) {
            ready.accept(complete);
        }
        complete = s;
    }

    /** The text not yet handed on (the last sentence), or {@code null}; the splitter is empty after. */
    String rest() {
        end();
        String r = complete;
        complete = null;
        return r;
    }
}
