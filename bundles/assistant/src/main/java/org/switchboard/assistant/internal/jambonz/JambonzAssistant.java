package org.switchboard.assistant.internal.jambonz;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.assistant.AssistantAction;
import org.switchboard.api.assistant.TurnRequest;
import org.switchboard.api.assistant.TurnResponse;
import org.switchboard.api.assistant.VirtualAssistant;
import org.switchboard.assistant.internal.webhook.WebhookSettings;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A jambonz application behind its webhook: the call webhook is posted when the dialogue starts and answers with
 * verbs; the verbs run as actions until a {@code gather}, whose {@code actionHook} gets the caller's answer and may
 * answer with new verbs (replacing the ones left) or nothing (the ones left go on). The verbs left and the pending
 * hook travel in the dialogue's context (hidden keys), so one assistant serves every call. A hook that fails or
 * answers something that is not verbs takes the fallback (an apology, then an agent), with the reason in the
 * context as {@code jambonzError}.
 */
final class JambonzAssistant implements VirtualAssistant {

    private static final Logger LOG = LoggerFactory.getLogger(JambonzAssistant.class);
    static final String VERBS = "_jambonzVerbs";
    static final String HOOK = "_jambonzHook";
    static final String BACKGROUND = "_jambonzBackground";
    /** Set when the call's end was posted to the status webhook (so that it is posted once). */
    static final String COMPLETED = "_jambonzCompleted";

    private static final int MAX_REDIRECTS = 10;

    private final String id;
    private final WebhookSettings settings;
    private final URI statusUrl;
    private final java.util.concurrent.atomic.AtomicLong statusWarned = new java.util.concurrent.atomic.AtomicLong();
    /** Per session, the status post last started, until it is done: the next one waits for it. */
    private final Map<String, CompletableFuture<Void>> statusPosts = new ConcurrentHashMap<>();

    private final HttpClient client;
    private final AudioCache audio;
    private final Supplier<Set<String>> voices;

    JambonzAssistant(
            String id,
            WebhookSettings settings,
            URI statusUrl,
            HttpClient client,
            AudioCache audio,
            Supplier<Set<String>> voices) {
        this.id = id;
        this.settings = settings;
        this.statusUrl = statusUrl;
        this.client = client;
        this.audio = audio;
        this.voices = voices;
    }

    @Override
    public String id() {
        return id;
    }

    /** A {@code sip:refer}'s outcome goes to its {@code actionHook}; after a failed one the verbs go on. */
    @Override
    public boolean followsTransfers() {
        return true;
    }

    @Override
    public CompletionStage<TurnResponse> takeTurn(TurnRequest request) {
        return turn(request).thenApply(r -> {
            List<AssistantAction> a = r.actions();
            boolean ends = request.event() == TurnRequest.Event.HANGUP
                    || request.event() == TurnRequest.Event.TRANSFERRED
                    || !a.isEmpty() && a.get(a.size() - 1) instanceof AssistantAction.Hangup;
            if (!ends || r.context().containsKey(COMPLETED) || statusUrl == null) {
                return r;
            }
            status(request, "completed");
            Map<String, Object> context = new LinkedHashMap<>(r.context());
            context.put(COMPLETED, "true");
            return new TurnResponse(a, context, r.taskName());
        });
    }

    /**
     * Posts the call's status to the application's call status webhook, if it has one, without waiting for it; a
     * call's posts go one after another, so the application hears them in order. A failure is logged (at most once a
     * minute) and changes nothing for the call.
     */
    private void status(TurnRequest request, String status) {
        if (statusUrl == null) {
            return;
        }
        HttpRequest post = settings.post(
                statusUrl, CallHooks.attributes(request, id, status).toString());
        String session = request.sessionId();
        CompletableFuture<Void> sent = new CompletableFuture<>();
        CompletableFuture<Void> before = statusPosts.put(session, sent);
        (before == null ? CompletableFuture.<Void>completedFuture(null) : before)
                .thenCompose(v -> client.sendAsync(post, HttpResponse.BodyHandlers.discarding()))
                .whenComplete((response, failure) -> {
                    statusPosts.remove(session, sent);
                    sent.complete(null);
                    String problem = failure != null
                            ? settings.problem(failure)
                            : response.statusCode() / 100 != 2 ? "answered HTTP " + response.statusCode() : null;
                    if (problem != null) {
                        warnStatus(request, status, problem);
                    }
                });
    }

    private void warnStatus(TurnRequest request, String status, String problem) {
        long now = System.nanoTime();
        long last = statusWarned.get();
        if ((last == 0 || now - last > 60_000_000_000L) && statusWarned.compareAndSet(last, now)) {
            LOG.warn(
                    "Session {}: jambonz application '{}' status hook {} {} (call_status {}; logged once a minute)",
                    request.sessionId(),
                    id,
                    statusUrl,
                    problem,
                    status);
        }
    }

    private CompletionStage<TurnResponse> turn(TurnRequest request) {
        Map<String, Object> context = new LinkedHashMap<>(request.context());
        switch (request.event()) {
            case HANGUP -> {
                return CompletableFuture.completedFuture(new TurnResponse(List.of(), context, null));
            }
            case START -> {
                status(request, "in-progress");
                return carryOut(
                        request,
                        post(settings.url(), CallHooks.newCall(request, id)),
                        context,
                        SessionConfig.defaults(voices.get()),
                        0);
            }
            case TRANSFERRED -> {
                Object hook = context.remove(HOOK);
                if (hook != null) { // the call is gone: the answer is not waited for
                    post(resolve(hook.toString()), withTag(CallHooks.referred(request, id), context))
                            .whenComplete((verbs, e) -> {});
                }
                return CompletableFuture.completedFuture(new TurnResponse(List.of(), context, null));
            }
            default -> {
                Deque<JsonObject> left = left(context);
                Object hook = context.remove(HOOK);
                SessionConfig config = SessionConfig.from(context, voices.get());
                if (context.remove(BACKGROUND) != null) {
                    boolean heard = request.event() == TurnRequest.Event.DTMF
                            || request.event() == TurnRequest.Event.UTTERANCE
                                    && request.text() != null
                                    && !request.text().isBlank();
                    if (!heard) { // the background gather heard nothing: the verbs go on
                        hook = null;
                    } else {
                        config.backgroundHeard();
                    }
                }
                if (hook == null) {
                    return carryOut(request, CompletableFuture.completedFuture(left), context, config, 0);
                }
                JsonObject body = withTag(
                        request.event() == TurnRequest.Event.TRANSFER_FAILED
                                ? CallHooks.referred(request, id)
                                : CallHooks.gathered(request, id),
                        context);
                return carryOut(
                        request,
                        post(resolve(hook.toString()), body).thenApply(verbs -> verbs.isEmpty() ? left : verbs),
                        context,
                        config,
                        0);
            }
        }
    }

    /** Runs the verbs until the turn ends, following redirects; the fallback when the application went wrong. */
    private CompletionStage<TurnResponse> carryOut(
            TurnRequest request,
            CompletionStage<Deque<JsonObject>> fetched,
            Map<String, Object> context,
            SessionConfig config,
            int redirects) {
        return fetched.thenCompose(verbs -> {
                    Verbs.Step step = Verbs.run(verbs, config);
                    List<AssistantAction> actions = new ArrayList<>();
                    if (!step.skipped().isEmpty()) {
                        actions.add(new AssistantAction.SetContext(
                                Map.of("jambonzSkipped", step.skipped().toString())));
                        LOG.info(
                                "Session {}: jambonz application '{}' skipped {}",
                                request.sessionId(),
                                id,
                                step.skipped().keySet());
                    }
                    actions.addAll(step.actions());
                    for (AssistantAction a : step.actions()) {
                        if (a instanceof AssistantAction.SetContext set) {
                            context.putAll(set.values()); // a tag goes with the hooks that follow
                        }
                    }
                    if (step.redirect() != null) {
                        if (redirects >= MAX_REDIRECTS) {
                            throw new IllegalArgumentException("more than " + MAX_REDIRECTS + " redirects in a row");
                        }
                        JsonObject body = withTag(CallHooks.attributes(request, id, "in-progress"), context);
                        return carryOut(request, post(resolve(step.redirect()), body), context, config, redirects + 1)
                                .thenApply(r -> prepend(actions, r));
                    }
                    context.put(VERBS, toJson(step.remaining()));
                    if (step.actionHook() != null) {
                        context.put(HOOK, step.actionHook());
                    }
                    if (step.background()) {
                        context.put(BACKGROUND, "true");
                    }
                    config.store(context);
                    return fetched(actions, 0).thenApply(a -> new TurnResponse(a, context, null));
                })
                .exceptionally(failure -> fallback(request, context, failure));
    }

    /** The actions with each {@code play} of an http(s) URL turned into the play of its fetched file. */
    private CompletionStage<List<AssistantAction>> fetched(List<AssistantAction> actions, int from) {
        for (int i = from; i < actions.size(); i++) {
            if (actions.get(i) instanceof AssistantAction.Play p
                    && (p.uri().startsWith("http:") || p.uri().startsWith("https:"))) {
                URI url;
                try {
                    url = URI.create(p.uri());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("verb 'play': url " + p.uri() + " is not a URL");
                }
                int at = i;
                return audio.file(url, settings.timeout()).thenCompose(file -> {
                    List<AssistantAction> next = new ArrayList<>(actions);
                    next.set(at, new AssistantAction.Play(file.toString(), p.bargeIn()));
                    return fetched(next, at + 1);
                });
            }
        }
        return CompletableFuture.completedFuture(actions);
    }

    private static TurnResponse prepend(List<AssistantAction> first, TurnResponse then) {
        List<AssistantAction> all = new ArrayList<>(first);
        all.addAll(then.actions());
        return new TurnResponse(all, then.context(), then.taskName());
    }

    /** Posts a hook; its answer's verbs (none for an empty answer). Fails with what went wrong. */
    private CompletionStage<Deque<JsonObject>> post(URI url, JsonObject body) {
        HttpRequest post = settings.post(url, body.toString());
        return client.sendAsync(post, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            if (failure != null) {
                throw new HookFailure(url, settings.problem(failure));
            }
            if (response.statusCode() / 100 != 2) {
                throw new HookFailure(url, "answered HTTP " + response.statusCode());
            }
            try {
                return Verbs.parse(response.body());
            } catch (IllegalArgumentException e) {
                throw new HookFailure(url, "answered something that is not verbs: " + e.getMessage());
            }
        });
    }

    private URI resolve(String hook) {
        return settings.url().resolve(hook);
    }

    private static JsonObject withTag(JsonObject body, Map<String, Object> context) {
        Object tag = context.get(Verbs.TAG);
        if (tag != null) {
            body.add("customerData", JsonParser.parseString(tag.toString()));
        }
        return body;
    }

    private static Deque<JsonObject> left(Map<String, Object> context) {
        Object v = context.remove(VERBS);
        return v == null ? new ArrayDeque<>() : Verbs.parse(v.toString());
    }

    private static String toJson(Deque<JsonObject> verbs) {
        JsonArray a = new JsonArray();
        verbs.forEach(a::add);
        return a.toString();
    }

    private TurnResponse fallback(TurnRequest request, Map<String, Object> context, Throwable failure) {
        Throwable f = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        String problem = f instanceof HookFailure h
                ? h.getMessage()
                : f instanceof IllegalArgumentException ? "the application's verbs: " + f.getMessage() : f.toString();
        LOG.warn(
                "Session {}: jambonz application '{}' {}; taking the fallback ({})",
                request.sessionId(),
                id,
                problem,
                settings.fallback());
        context.remove(VERBS);
        context.remove(HOOK);
        context.remove(BACKGROUND);
        context.remove(SessionConfig.KEY);
        context.put("jambonzError", problem);
        List<AssistantAction> actions = new ArrayList<>();
        actions.add(new AssistantAction.SetContext(Map.of("jambonzError", problem)));
        actions.addAll(settings.fallbackActions());
        return new TurnResponse(actions, context, null);
    }

    /** A hook that could not be posted or answered nonsense. */
    private static final class HookFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HookFailure(URI url, String problem) {
            super("hook " + url + " " + problem, null, false, false);
        }
    }
}
