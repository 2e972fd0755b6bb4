package org.switchboard.speech.vosk.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Test;

public class GrammarTest {

    @Test
    public void phrasesAreLowerCaseWordsWithDigitsSpelledOut() {
        assertEquals(
                List.of("order status", "billing", "press one", "cafe au lait", "don't know"),
                Grammar.normalize(List.of(
                        "Order Status!",
                        " billing ",
                        "press 1",
                        "Order status",
                        "",
                        "?",
                        "Café-au-lait",
                        "DON'T   know")));
    }

    @Test
    public void numbersBecomeOneWordPerDigit() {
        assertEquals("four seven one two", Grammar.phrase("4712"));
        assertEquals("order one two", Grammar.phrase("order 12"));
    }

    @Test
    public void theGrammarEndsWithUnknown() {
        assertEquals("[\"yes\",\"no\",\"[unk]\"]", Grammar.json(List.of("Yes", "no", "YES")));
    }
}
