package org.switchboard.summary.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.bot.Bot;
import org.switchboard.api.bot.BotRepository;
import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.conversation.ConversationStore;
import org.switchboard.api.conversation.ConversationSummaries;
import org.switchboard.api.conversation.Summarizer;
import org.switchboard.api.conversation.Summary;
import org.switchboard.api.conversation.Turn;

/**
 * Summaries on demand: the stored one while its basis (a fingerprint of the turns, events, tasks, ending, language
 * and the bot's summarizer) still matches, otherwise a new one from the bot's summarizer, bounded by a timeout and
 * replaced by the built-in summarizer's when that one is missing, slow, failing or answers nothing. One summary is
 * written at a time per session; concurrent requests share it.
 */
@Component(
        service = ConversationSummaries.class,
        configurationPid = PublicApiServlet.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class SummaryService implements ConversationSummaries {

    private static final Logger LOG = LoggerFactory.getLogger(SummaryService.class);
    private static final int MAX_TURNS = 10_000;
    private static final int MAX_SUMMARY_CHARS = 4000;

    private final ConversationStore store;
    private final SummaryApiConfig config;
    private final Clock clock;
    private final BuiltinSummarizer builtin;
    private final Summarizers summarizers = new Summarizers();
    private final Map<String, CompletableFuture<Summary>> writing = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor pool;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile BotRepository bots;

    @Activate
    public SummaryService(@Reference ConversationStore store, SummaryApiConfig config) {
        this(store, config, Clock.systemUTC());
    }

    SummaryService(ConversationStore store, SummaryApiConfig config, Clock clock) {
        Settings.check(config);
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.builtin = new BuiltinSummarizer(clock);
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(64), r -> {
            Thread t = new Thread(r, "switchboard-summary-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    @Deactivate
    void deactivate() {
        pool.shutdownNow();
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addSummarizer(Summarizer s, Map<String, Object> properties) {
        summarizers.add(s, properties);
    }

    void removeSummarizer(Summarizer s) {
        summarizers.remove(s);
    }

    void setBots(BotRepository repository) {
        bots = repository;
    }

    @Override
    public Summary summary(String sessionId, String lang) {
        Conversation c =
                store.bySessionId(sessionId).orElseThrow(() -> new NoSuchElementException("no session " + sessionId));
        return summary(c, store.turns(sessionId, 0, MAX_TURNS), store.events(sessionId), lang);
    }

    @Override
    public Summary summary(Conversation c, List<Turn> turns, List<ConversationEvent> events, String lang) {
        String sessionId = c.sessionId();
        if (turns.size() > MAX_TURNS) {
            turns = turns.subList(0, MAX_TURNS);
        }
        String wanted = wantedSummarizer(c);
        String basis = basis(c, turns, events, lang, wanted);
        Optional<Summary> stored = store.summary(sessionId);
        if (stored.isPresent() && fresh(stored.get(), basis, wanted)) {
            return stored.get();
        }
        CompletableFuture<Summary> mine = new CompletableFuture<>();
        CompletableFuture<Summary> running = writing.putIfAbsent(sessionId, mine);
        if (running != null) {
            return running.join();
        }
        try {
            Summary s = write(c, turns, events, lang, wanted).withBasis(basis);
            store.saveSummary(s);
            mine.complete(s);
            return s;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            writing.remove(sessionId, mine);
        }
    }

    @Override
    public Summary summarizeTranscript(String botId, String transcript, String lang) {
        String id = java.util.HexFormat.of().formatHex(java.util.Arrays.copyOf(sha256(transcript), 12));
        Conversation c = new Conversation(
                id,
                "transcript-" + id,
                botId,
                null,
                null,
                null,
                clock.instant(),
                null,
                null,
                null,
                null,
                null,
                List.of());
        List<Turn> turns = Transcripts.turns(id, transcript, clock.instant());
        return write(c, turns, List.of(), lang, wantedSummarizer(c));
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean fresh(Summary s, String basis, String wanted) {
        if (!basis.equals(s.basis())) {
            return false;
        }
        return wanted.equals(s.summarizer())
                || Duration.between(s.createdAt(), clock.instant()).toSeconds() < config.summary_fallback_retry_s();
    }

    private String wantedSummarizer(Conversation c) {
        BotRepository repository = bots;
        if (repository == null || c.botId() == null) {
            return BuiltinSummarizer.ID;
        }
        return repository.bot(c.botId()).map(Bot::summarizer).orElse(BuiltinSummarizer.ID);
    }

    private Summary write(
            Conversation c, List<Turn> turns, List<ConversationEvent> events, String lang, String wanted) {
        Summarizer chosen = summarizers.get(wanted);
        if (chosen == null || wanted.equals(BuiltinSummarizer.ID)) {
            if (!wanted.equals(BuiltinSummarizer.ID)) {
                LOG.warn(
                        "Session {}: summarizer '{}' is not installed; the built-in summarizer answers",
                        c.sessionId(),
                        wanted);
            }
            return builtin.summarize(c, turns, events, lang);
        }
        try {
            Future<Summary> f = pool.submit(() -> chosen.summarize(c, turns, events, lang));
            Summary s;
            try {
                s = f.get(config.summary_timeout_ms(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                throw new IllegalStateException("no answer within " + config.summary_timeout_ms() + " ms");
            }
            if (s == null || s.text() == null || s.text().isBlank()) {
                throw new IllegalStateException("it returned no text");
            }
            String text = s.text().strip();
            text = text.length() > MAX_SUMMARY_CHARS ? text.substring(0, MAX_SUMMARY_CHARS - 1) + "…" : text;
            return new Summary(c.sessionId(), text, s.lang() == null ? lang : s.lang(), wanted, clock.instant(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback(c, turns, events, lang, wanted, "interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return fallback(
                    c, turns, events, lang, wanted, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (RejectedExecutionException e) {
            return fallback(c, turns, events, lang, wanted, "too many summaries being written");
        } catch (RuntimeException e) {
            return fallback(c, turns, events, lang, wanted, e.getMessage());
        }
    }

    private Summary fallback(
            Conversation c, List<Turn> turns, List<ConversationEvent> events, String lang, String wanted, String why) {
        LOG.warn(
                "Session {}: summarizer '{}' failed ({}); the built-in summarizer answers", c.sessionId(), wanted, why);
        return builtin.summarize(c, turns, events, lang);
    }

    /** What a summary depends on; a stored summary with another basis is stale. */
    static String basis(Conversation c, List<Turn> turns, List<ConversationEvent> events, String lang, String by) {
        long lastTurn = turns.isEmpty() ? 0 : turns.get(turns.size() - 1).at().toEpochMilli();
        long lastEvent =
                events.isEmpty() ? 0 : events.get(events.size() - 1).at().toEpochMilli();
        return "v1;lang=" + lang + ";by=" + by + ";turns=" + turns.size() + "@" + lastTurn + ";events=" + events.size()
                + "@" + lastEvent + ";tasks=" + c.taskPath().size() + ";handoff=" + millis(c.handoffAt()) + ";end="
                + millis(c.endedAt()) + "/" + c.endedBy();
    }

    private static long millis(java.time.Instant i) {
        return i == null ? 0 : i.toEpochMilli();
    }
}
