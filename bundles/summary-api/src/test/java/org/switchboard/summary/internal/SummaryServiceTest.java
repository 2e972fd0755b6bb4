package org.switchboard.summary.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.After;
import org.junit.Test;
import org.switchboard.api.bot.Bot;
import org.switchboard.api.bot.BotRepository;
import org.switchboard.api.conversation.EndedBy;
import org.switchboard.api.conversation.Summarizer;
import org.switchboard.api.conversation.Summary;

/** Which summarizer writes, when the stored summary is reused, and the fallback to the built-in one. */
public class SummaryServiceTest {

    static final String BOT = "st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0";

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = BuiltinSummarizerTest.T0.plusSeconds(100);

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MemoryStore store = new MemoryStore();
    private final MovingClock clock = new MovingClock();
    private final SummaryService service = new SummaryService(
            store, Configs.config(Map.of("summary_timeout_ms", 300L, "summary_fallback_retry_s", 60L)), clock);
    private final AtomicInteger llmCalls = new AtomicInteger();

    public SummaryServiceTest() {
        store.start(BuiltinSummarizerTest.call(EndedBy.TRANSFER, "TransferToAgent", 30, List.of("menu", "agent")));
        store.addTurn(BuiltinSummarizerTest.in("my bill is wrong", null, 3));
    }

    @After
    public void stop() {
        service.deactivate();
    }

    private void botUses(String summarizer) {
        Bot bot = new Bot(BOT, "Acme", true, summarizer, Instant.EPOCH);
        service.setBots((BotRepository) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {BotRepository.class},
                (p, m, a) -> m.getName().equals("bot") ? Optional.of(bot) : null));
    }

    private void install(String id, Summarizer s) {
        service.addSummarizer(s, Map.of(Summarizer.SUMMARIZER_ID, id, "service.id", 7L));
    }

    private Summarizer llm(long sleepMs, RuntimeException failure) {
        return (c, turns, events, lang) -> {
            llmCalls.incrementAndGet();
            Thread.sleep(sleepMs);
            if (failure != null) {
                throw failure;
            }
            return new Summary(
                    c.sessionId(),
                    "  LLM: " + turns.size() + " turns in " + lang + "  ",
                    lang,
                    "ignored",
                    Instant.EPOCH,
                    null);
        };
    }

    @Test
    public void theBuiltinSummaryIsStoredAndReusedUntilTheConversationChanges() {
        Summary first = service.summary(BuiltinSummarizerTest.S, "en");
        assertEquals("builtin", first.summarizer());
        assertTrue(first.text().contains("my bill is wrong"));
        assertEquals(1, store.summariesSaved);
        clock.now = clock.now.plusSeconds(3600);
        assertEquals(first, service.summary(BuiltinSummarizerTest.S, "en"));
        assertEquals(1, store.summariesSaved);

        store.addTurn(BuiltinSummarizerTest.in("and I want a refund", null, 40));
        Summary second = service.summary(BuiltinSummarizerTest.S, "en");
        assertTrue(second.text().contains("and I want a refund"));
        assertNotEquals(first.basis(), second.basis());
        assertEquals(2, store.summariesSaved);

        service.summary(BuiltinSummarizerTest.S, "fr");
        assertEquals("another language is another summary", 3, store.summariesSaved);
    }

    @Test
    public void aTranscriptGivenInlineIsSummarizedByTheBotsSummarizerAndNotStored() {
        String transcript = "Agent: Thank you for calling. How can I help you? Consumer: I have an issue with my DVR "
                + "box. agent: Which one? customer: The second box, the list does not work.";
        List<org.switchboard.api.conversation.Turn> turns = Transcripts.turns("s", transcript, Instant.EPOCH);
        assertEquals(4, turns.size());
        assertEquals(
                org.switchboard.api.conversation.Direction.OUTGOING,
                turns.get(0).direction());
        assertEquals("I have an issue with my DVR box.", turns.get(1).text());
        assertEquals(
                org.switchboard.api.conversation.Direction.INCOMING,
                turns.get(3).direction());
        assertEquals(
                "text without labels is the caller's",
                1,
                Transcripts.turns("s", "my bill is wrong", Instant.EPOCH).size());

        Summary builtinOne = service.summarizeTranscript(null, transcript, "en");
        assertEquals("builtin", builtinOne.summarizer());
        assertTrue(builtinOne.text(), builtinOne.text().contains("DVR box"));
        botUses("llm");
        install("llm", llm(0, null));
        assertEquals(
                "LLM: 4 turns in en",
                service.summarizeTranscript(BOT, transcript, "en").text());
        assertEquals("nothing stored", 0, store.summariesSaved);
    }

    @Test
    public void theBotsSummarizerWritesWhenItAnswers() {
        botUses("llm");
        install("llm", llm(0, null));
        Summary s = service.summary(BuiltinSummarizerTest.S, "es");
        assertEquals("LLM: 1 turns in es", s.text());
        assertEquals("llm", s.summarizer());
        assertEquals(clock.now, s.createdAt());
        assertSame(store.summaries.get(BuiltinSummarizerTest.S), s);
        service.summary(BuiltinSummarizerTest.S, "es");
        assertEquals(1, llmCalls.get());
    }

    @Test
    public void aSlowFailingOrMissingSummarizerFallsBackToTheBuiltinOne() {
        botUses("llm");
        assertEquals(
                "missing",
                "builtin",
                service.summary(BuiltinSummarizerTest.S, "en").summarizer());

        store.addTurn(BuiltinSummarizerTest.in("hello?", null, 50));
        install("llm", llm(5000, null));
        Summary slow = service.summary(BuiltinSummarizerTest.S, "en");
        assertEquals("builtin", slow.summarizer());
        assertEquals(1, llmCalls.get());
        assertEquals("the fallback is kept for a while", slow, service.summary(BuiltinSummarizerTest.S, "en"));
        assertEquals(1, llmCalls.get());
        clock.now = clock.now.plusSeconds(61);
        service.summary(BuiltinSummarizerTest.S, "en");
        assertEquals("then the bot's summarizer is tried again", 2, llmCalls.get());
    }

    @Test
    public void aThrowingSummarizerFallsBack() {
        botUses("llm");
        install("llm", llm(0, new IllegalStateException("HTTP 500 from the model")));
        assertEquals("builtin", service.summary(BuiltinSummarizerTest.S, "en").summarizer());
        assertEquals(1, llmCalls.get());
    }

    @Test
    public void anUnknownSessionIsNoSuchElement() {
        assertThrows(NoSuchElementException.class, () -> service.summary("000000000000000000000000", "en"));
    }
}
