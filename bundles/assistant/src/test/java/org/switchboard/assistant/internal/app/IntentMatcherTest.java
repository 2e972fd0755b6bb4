package org.switchboard.assistant.internal.app;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;
import org.switchboard.assistant.internal.app.AppModel.Intent;

public class IntentMatcherTest {

    private final IntentMatcher matcher = new IntentMatcher(List.of(
            new Intent(
                    "Billing",
                    List.of("billing", "pay my bill", "a question about my invoice"),
                    List.of("bill", "invoice", "payment"),
                    "1",
                    "billing"),
            new Intent(
                    "OrderStatus",
                    List.of("order status", "where is my order", "track my order"),
                    List.of("order", "delivery", "package"),
                    "2",
                    "orderStatus"),
            new Intent(
                    "Agent",
                    List.of("agent", "talk to a person", "representative"),
                    List.of("agent", "representative", "operator", "human"),
                    "0",
                    "agent")));

    private String intent(String said) {
        return matcher.match(said).map(Intent::name).orElse("none");
    }

    @Test
    public void exactPhrasesMatch() {
        assertEquals("Billing", intent("billing"));
        assertEquals("OrderStatus", intent("order status"));
        assertEquals("Agent", intent("agent"));
    }

    @Test
    public void recognizerErrorsAreTolerated() {
        assertEquals("OrderStatus", intent("order stat us")); // a word split in two
        assertEquals("OrderStatus", intent("where's my ordr"));
        assertEquals("OrderStatus", intent("i want to track the order"));
        assertEquals("Billing", intent("i'd like to pay my bil"));
        assertEquals("Billing", intent("question about my invoices"));
        assertEquals("Agent", intent("let me talk to a persona"));
        assertEquals("Agent", intent("representatives please"));
        assertEquals("Agent", intent("operator"));
    }

    @Test
    public void unrelatedOrEmptyUtterancesMatchNothing() {
        assertEquals("none", intent("what is the weather like"));
        assertEquals("none", intent(""));
        assertEquals("none", intent("[unk]"));
        assertEquals("none", intent("a"));
    }

    @Test
    public void anAmbiguousUtteranceMatchesNothing() {
        assertEquals("none", intent("bill order"));
    }

    @Test
    public void keysSelectIntents() {
        assertEquals("OrderStatus", matcher.byKey("2").orElseThrow().name());
        assertTrue(matcher.byKey("7").isEmpty());
    }

    @Test
    public void spokenNumbersBecomeDigits() {
        assertEquals("4712", Words.digits("four seven one two"));
        assertEquals("4712", Words.digits("4712"));
        assertEquals("0921", Words.digits("oh nine twenty one"));
        assertEquals("1224", Words.digits("my number is one double two four"));
        assertEquals(null, Words.digits("four seven banana"));
        assertEquals("yes", Words.yesNo("yeah sure"));
        assertEquals("no", Words.yesNo("nope"));
        assertEquals(null, Words.yesNo("maybe"));
    }
}
