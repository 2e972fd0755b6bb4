package org.switchboard.speech.vosk.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Set;

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
    public void theGrammarAddsTheFillersAndEndsWithUnknown() {
        assertEquals(
                "[\"yes\",\"no\",\"um\",\"uh\",\"er\",\"ah\",\"hmm\",\"huh\",\"uh huh\",\"[unk]\"]",
                Grammar.json(List.of("Yes", "no", "YES")));
        assertEquals(Set.of("um", "uh", "er", "ah", "hmm", "huh"), Grammar.added(List.of("yes", "no")));
    }

    @Test
    public void aFillerThatIsAPhraseIsTheCallersOwn() {
        assertEquals(
                "[\"yes\",\"uh huh\",\"um\",\"uh\",\"er\",\"ah\",\"hmm\",\"huh\",\"[unk]\"]",
                Grammar.json(List.of("yes", "Uh-huh")));
        assertEquals(Set.of("um", "er", "ah", "hmm"), Grammar.added(List.of("yes", "uh-huh")));
    }
}
