package org.switchboard.assistant.internal.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.switchboard.api.assistant.AssistantAction;
import org.switchboard.api.assistant.TurnRequest;
import org.switchboard.api.assistant.TurnResponse;
import org.switchboard.api.assistant.VirtualAssistant;
import org.switchboard.assistant.internal.app.AppModel.Intent;
import org.switchboard.assistant.internal.app.Step.Entity;

/**
 * Runs an {@link AppModel}: greets, offers the menu, matches the caller's words or key to an intent, runs its task
 * step by step and asks for entities with validation and retries; too many failures hand the caller to an agent.
 * It keeps no state of its own: where the dialogue stands travels in the context (keys starting with {@code _}),
 * so one instance serves every call.
 */
final class AppAssistant implements VirtualAssistant {

    private static final Pattern VARIABLE =
            Pattern.compile("\\{\\{\\s*context\\.([A-Za-z0-9_-]+)\\s*(\\|\\s*digits\\s*)?}}");
    private static final Duration MENU_WAIT = Duration.ofSeconds(5);
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(8);
    private static final List<String> YES_NO =
            List.of("yes", "yes please", "yeah", "correct", "no", "no thanks", "nope");
    /** A yes or no heard with less confidence than this is asked again: mistaking one for the other is costly. */
    static final double YES_NO_CONFIDENCE = 0.6;

    private static final int MAX_JUMPS = 50;

    private final String id;
    private final AppModel app;
    private final IntentMatcher matcher;

    AppAssistant(String id, AppModel app) {
        this.id = id;
        this.app = app;
        this.matcher = new IntentMatcher(app.intents());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public CompletionStage<TurnResponse> takeTurn(TurnRequest request) {
        Map<String, Object> ctx = new LinkedHashMap<>(request.context());
        List<AssistantAction> out = new ArrayList<>();
        switch (request.event()) {
            case START -> {
                if (app.greeting() != null) {
                    out.add(new AssistantAction.Say(resolve(app.greeting(), ctx), true));
                }
                menu(ctx, out);
            }
            case HANGUP -> {}
            default -> {
                if ("ask".equals(ctx.get("_state"))) {
                    answer(ctx, out, request);
                } else {
                    choose(ctx, out, request);
                }
            }
        }
        Object task = ctx.get("_task");
        return CompletableFuture.completedFuture(new TurnResponse(out, ctx, task == null ? null : task.toString()));
    }

    @Override
    public List<String> expectedPhrases(Map<String, Object> context) {
        if (!"ask".equals(context.get("_state"))) {
            return app.menuPhrases();
        }
        Step.Ask ask = currentAsk(context);
        return ask == null ? List.of() : gather(ask).phrases();
    }

    private void menu(Map<String, Object> ctx, List<AssistantAction> out) {
        menu(ctx, out, false);
    }

    /** The menu, or on a retry its short form when the app has one. */
    private void menu(Map<String, Object> ctx, List<AssistantAction> out, boolean retry) {
        ctx.put("_state", "menu");
        ctx.remove("_task");
        String prompt = retry && app.reprompt() != null ? app.reprompt() : app.menu();
        out.add(new AssistantAction.Say(resolve(prompt, ctx), true));
        out.add(new AssistantAction.Gather(true, true, 1, app.menuPhrases(), MENU_WAIT));
    }

    private void choose(Map<String, Object> ctx, List<AssistantAction> out, TurnRequest r) {
        Intent intent = switch (r.event()) {
            case DTMF ->
                matcher.byKey(
                                r.digits() == null || r.digits().isEmpty()
                                        ? null
                                        : r.digits().substring(0, 1))
                        .orElse(null);
            case UTTERANCE -> matcher.match(r.text()).orElse(null);
            default -> null;
        };
        if (intent == null) {
            int failures = number(ctx.get("_failures")) + 1;
            ctx.put("_failures", failures);
            if (failures >= app.maxFailures()) {
                set(ctx, out, Map.of("intent", app.failureIntent()));
                failureHandoff(ctx, out);
            } else {
                out.add(new AssistantAction.Say(
                        r.event() == TurnRequest.Event.NO_INPUT ? app.noInput() : app.noMatch(), true));
                menu(ctx, out, true);
            }
            return;
        }
        ctx.put("_failures", 0);
        set(ctx, out, Map.of("intent", intent.name()));
        run(ctx, out, intent.task(), 0, 0);
    }

    private void answer(Map<String, Object> ctx, List<AssistantAction> out, TurnRequest r) {
        Step.Ask ask = currentAsk(ctx);
        if (ask == null) {
            menu(ctx, out);
            return;
        }
        if (app.anytimeIntent() != null
                && r.event() == TurnRequest.Event.UTTERANCE
                && matcher.match(r.text()).filter(i -> i == app.anytimeIntent()).isPresent()) {
            ctx.put("_failures", 0);
            set(ctx, out, Map.of("intent", app.anytimeIntent().name()));
            run(ctx, out, app.anytimeIntent().task(), 0, 0);
            return;
        }
        String value = value(ask, r);
        if (value != null) {
            ctx.put("_retries", 0);
            set(ctx, out, Map.of(ask.variable(), value));
            run(ctx, out, ctx.get("_task").toString(), number(ctx.get("_step")) + 1, 0);
            return;
        }
        int retries = number(ctx.get("_retries")) + 1;
        ctx.put("_retries", retries);
        if (retries > ask.retries()) {
            failureHandoff(ctx, out);
            return;
        }
        String sorry = r.event() == TurnRequest.Event.NO_INPUT ? app.noInput() : app.noMatch();
        out.add(new AssistantAction.Say(sorry + " " + resolve(ask.retryPrompt(), ctx), true));
        out.add(gather(ask));
    }

    /** Runs a task's steps from {@code index} until one waits for the caller or ends the dialogue. */
    private void run(Map<String, Object> ctx, List<AssistantAction> out, String task, int index, int jumps) {
        List<Step> steps = app.tasks().get(task);
        ctx.put("_task", task);
        for (int i = index; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (step instanceof Step.Say s) {
                out.add(new AssistantAction.Say(resolve(s.text(), ctx), true));
            } else if (step instanceof Step.SetValues s) {
                Map<String, Object> values = new LinkedHashMap<>();
                s.values().forEach((k, v) -> values.put(k, resolve(v, ctx)));
                set(ctx, out, values);
            } else if (step instanceof Step.Lookup l) {
                String found = l.table().get(resolve(l.key(), ctx));
                set(ctx, out, Map.of(l.into(), found != null ? found : l.fallback() == null ? "" : l.fallback()));
            } else if (step instanceof Step.Branch b) {
                Object v = ctx.get(b.variable());
                String target = v == null ? b.otherwise() : b.cases().getOrDefault(v.toString(), b.otherwise());
                if (target != null) {
                    if (target.equals("menu")) {
                        menu(ctx, out);
                    } else if (jumps >= MAX_JUMPS) {
                        handoff(ctx, out);
                    } else {
                        run(ctx, out, target, 0, jumps + 1);
                    }
                    return;
                }
            } else if (step instanceof Step.Ask a) {
                ctx.put("_state", "ask");
                ctx.put("_step", i);
                ctx.put("_retries", 0);
                out.add(new AssistantAction.Say(resolve(a.prompt(), ctx), true));
                out.add(gather(a));
                return;
            } else if (step instanceof Step.Transfer t) {
                out.add(transfer(t, ctx));
                return;
            } else if (step instanceof Step.Hangup h) {
                out.add(new AssistantAction.Hangup(resolveAll(h.headers(), ctx)));
                return;
            } else if (step instanceof Step.End) {
                out.add(new AssistantAction.End());
                return;
            }
        }
        if (app.afterTask().equals("menu")) {
            menu(ctx, out);
        } else {
            out.add(new AssistantAction.End());
        }
    }

    private void handoff(Map<String, Object> ctx, List<AssistantAction> out) {
        out.add(transfer(app.handoff(), ctx));
    }

    /** The handoff that failures (silence, answers not understood) lead to, saying why when the app says so. */
    private void failureHandoff(Map<String, Object> ctx, List<AssistantAction> out) {
        if (app.handoffMessage() != null) {
            out.add(new AssistantAction.Say(resolve(app.handoffMessage(), ctx), true));
        }
        handoff(ctx, out);
    }

    private AssistantAction.Transfer transfer(Step.Transfer t, Map<String, Object> ctx) {
        return new AssistantAction.Transfer(
                t.reason(), t.target() == null ? null : resolve(t.target(), ctx), resolveAll(t.headers(), ctx));
    }

    private static void set(Map<String, Object> ctx, List<AssistantAction> out, Map<String, Object> values) {
        ctx.putAll(values);
        out.add(new AssistantAction.SetContext(values));
    }

    private Step.Ask currentAsk(Map<String, Object> ctx) {
        Object task = ctx.get("_task");
        List<Step> steps = task == null ? null : app.tasks().get(task.toString());
        int i = number(ctx.get("_step"));
        return steps != null && i < steps.size() && steps.get(i) instanceof Step.Ask a ? a : null;
    }

    /** The caller's answer as the entity asks, or {@code null} when it is not a valid one. */
    static String value(Step.Ask ask, TurnRequest r) {
        if (r.event() == TurnRequest.Event.NO_INPUT) {
            return null;
        }
        String input = r.event() == TurnRequest.Event.DTMF ? r.digits() : r.text();
        if (input == null || input.isBlank()) {
            return null;
        }
        String v = switch (ask.entity()) {
            case DIGITS, NUMBER -> Words.digits(input);
            case YES_NO ->
                r.event() == TurnRequest.Event.DTMF
                        ? input.startsWith("1") ? "yes" : input.startsWith("2") ? "no" : null
                        : r.confidence() < YES_NO_CONFIDENCE ? null : Words.yesNo(input);
            case TEXT -> input.trim();
        };
        if (v == null) {
            return null;
        }
        if ((ask.entity() == Entity.DIGITS || ask.entity() == Entity.NUMBER || ask.entity() == Entity.TEXT)
                && (v.length() < ask.minLength() || v.length() > ask.maxLength())) {
            return null;
        }
        return v;
    }

    private AssistantAction.Gather gather(Step.Ask a) {
        List<String> phrases = new ArrayList<>(phrases(a.entity()));
        if (!phrases.isEmpty()) {
            phrases.addAll(app.anytimePhrases()); // "agent" is heard at every question
        }
        return switch (a.entity()) {
            case DIGITS, NUMBER -> new AssistantAction.Gather(true, true, a.maxLength(), phrases, ANSWER_WAIT);
            case YES_NO -> new AssistantAction.Gather(true, true, 1, phrases, ANSWER_WAIT);
            case TEXT -> new AssistantAction.Gather(false, true, 1, List.of(), ANSWER_WAIT);
        };
    }

    private static List<String> phrases(Entity e) {
        return switch (e) {
            case DIGITS, NUMBER -> Words.DIGIT_PHRASES;
            case YES_NO -> YES_NO;
            case TEXT -> List.of();
        };
    }

    private static int number(Object o) {
        return o instanceof Number n ? n.intValue() : o == null ? 0 : Integer.parseInt(o.toString());
    }

    private static Map<String, String> resolveAll(Map<String, String> values, Map<String, Object> ctx) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, resolve(v, ctx)));
        return out;
    }

    /**
     * {@code {{context.name}}} from the context (as in flows' header templates); {@code {{context.name | digits}}}
     * spaces the characters out so that a number is read digit by digit.
     */
    static String resolve(String text, Map<String, Object> ctx) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            Object v = m.group(1).startsWith("_") ? null : ctx.get(m.group(1));
            String s = v == null ? "" : v.toString();
            if (m.group(2) != null) {
                s = String.join(" ", s.split(""));
            }
            m.appendReplacement(b, Matcher.quoteReplacement(s));
        }
        m.appendTail(b);
        return b.toString();
    }
}
