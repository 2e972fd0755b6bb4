package org.switchboard.assistant.llm.internal;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

public class SentencesTest {

    private final List<String> said = new ArrayList<>();
    private final Sentences s = new Sentences(said::add);

    @Test
    public void aSentenceIsHandedOnWhenTheNextStartsAndTheLastStays() {
        for (String piece : List.of("Hel", "lo! Your", " total is 3.50 dollars", ". Anything", " else?")) {
            s.add(piece);
        }
        assertEquals(List.of("Hello!", "Your total is 3.50 dollars."), said);
        assertEquals("Anything else?", s.rest());
        assertEquals(null, s.rest());
    }

    @Test
    public void lineBreaksEndSentencesAndMarkupIsNotRead() {
        s.add("**Options:**\n- billing\n- orders\n");
        assertEquals(List.of("Options:", "- billing"), said);
        assertEquals("- orders", s.rest());
    }
}
