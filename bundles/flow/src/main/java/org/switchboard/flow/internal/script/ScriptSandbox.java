package org.switchboard.flow.internal.script;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.mozilla.javascript.BaseFunction;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.ContextFactory;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;

/**
 * Runs flow scripts and condition expressions in a sandbox: interpreted JavaScript with only the safe standard
 * objects (no Java classes, no {@code Packages}), a time limit enforced by instruction counting that a script's own
 * try/catch cannot swallow, a bounded stack, and bounded output. A script sees {@code context} (the flow variables,
 * which it may change, and {@code context.session}, which it may read), {@code print(...)} and {@code voiceUtils}
 * ({@link #VOICE_UTILS}; Kore's others fail naming the function, {@link #UNSUPPORTED}), whose requests are returned
 * as {@link VoiceAction}s.
 */
public final class ScriptSandbox {

    static final int MAX_PRINTED_LINES = 100;
    static final int MAX_LINE_CHARS = 2000;

    private static final ContextFactory FACTORY = new SandboxFactory();

    /** Thrown from the instruction observer; an Error, so JavaScript catch blocks cannot stop it. */
    private static final class TimeLimit extends Error {
        private static final long serialVersionUID = 1L;

        TimeLimit() {
            super(null, null, false, false);
        }
    }

    private static final class LimitedContext extends Context {
        long deadline;

        LimitedContext(ContextFactory factory) {
            super(factory);
        }
    }

    private static final class SandboxFactory extends ContextFactory {
        @Override
        protected Context makeContext() {
            LimitedContext cx = new LimitedContext(this);
            cx.setLanguageVersion(Context.VERSION_ES6);
            cx.setOptimizationLevel(-1);
            cx.setInstructionObserverThreshold(5_000);
            cx.setMaximumInterpreterStackDepth(256);
            cx.setClassShutter(className -> false);
            return cx;
        }

        @Override
        protected void observeInstructionCount(Context cx, int instructionCount) {
            if (System.nanoTime() > ((LimitedContext) cx).deadline) {
                throw new TimeLimit();
            }
        }
    }

    /** Runs {@code code} against a copy of {@code context}. */
    public ScriptResult run(String code, Map<String, Object> context, long timeoutMs) {
        List<String> printed = new ArrayList<>();
        List<VoiceAction> actions = new ArrayList<>();
        LimitedContext cx = (LimitedContext) FACTORY.enterContext();
        try {
            cx.deadline = System.nanoTime() + timeoutMs * 1_000_000L;
            Scriptable scope = cx.initSafeStandardObjects(null, true);
            Object jsContext = JsValues.toJs(cx, scope, new LinkedHashMap<>(context));
            ScriptableObject.putProperty(scope, "context", jsContext);
            ScriptableObject.putProperty(scope, "print", new Print(printed));
            ScriptableObject.putProperty(scope, "voiceUtils", voiceUtils(cx, scope, actions));
            cx.evaluateString(scope, code, "script", 1, null);
            Object after = ScriptableObject.getProperty(scope, "context");
            @SuppressWarnings("unchecked")
            Map<String, Object> updated =
                    JsValues.toJava(after) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            return new ScriptResult(null, List.copyOf(printed), List.copyOf(actions), updated);
        } catch (TimeLimit e) {
            return new ScriptResult(
                    "the script exceeded its time limit of " + timeoutMs + " ms",
                    List.copyOf(printed),
                    List.of(),
                    context);
        } catch (RhinoException e) {
            return new ScriptResult(describe(e), List.copyOf(printed), List.of(), context);
        } catch (RuntimeException | StackOverflowError e) {
            return new ScriptResult("the script failed: " + e, List.copyOf(printed), List.of(), context);
        } finally {
            Context.exit();
        }
    }

    /** Evaluates a condition expression with JavaScript truthiness. */
    public boolean test(String expression, Map<String, Object> context, long timeoutMs) throws ScriptFailure {
        ScriptResult r =
                run("var __result = !!(" + expression + "\n);\ncontext.__result = __result;", context, timeoutMs);
        if (!r.ok()) {
            throw new ScriptFailure(r.error());
        }
        return Boolean.TRUE.equals(r.context().get("__result"));
    }

    /** A condition that could not be evaluated. */
    public static final class ScriptFailure extends Exception {
        private static final long serialVersionUID = 1L;

        public ScriptFailure(String message) {
            super(message);
        }
    }

    private static String describe(RhinoException e) {
        String detail = e.details();
        return detail + (e.lineNumber() > 0 ? " (line " + e.lineNumber() + ")" : "");
    }

    /** The {@code voiceUtils} functions a SIP gateway honours. */
    public static final java.util.Set<String> VOICE_UTILS =
            java.util.Set.of("refer", "hangup", "play", "sendDTMF", "abortPrompt", "abortPrompts");

    /** Kore's {@code voiceUtils} functions Switchboard refuses, with why. */
    public static final Map<String, String> UNSUPPORTED = Map.of(
            "invite",
                    "Switchboard hands a call back to the contact center with BYE or REFER and does not dial a "
                            + "second leg; use voiceUtils.refer",
            "pauseAndPlay", "Switchboard does not pause a bot mid-turn; use voiceUtils.play, then the next node",
            "voicemail", "answering-machine detection is for outbound calls, which Switchboard does not place");

    private static Scriptable voiceUtils(Context cx, Scriptable scope, List<VoiceAction> actions) {
        Scriptable utils = cx.newObject(scope);
        function(utils, "refer", args -> {
            String referTo = text(args, 1);
            if (referTo == null || referTo.isBlank()) {
                throw Context.reportRuntimeError("voiceUtils.refer: referTo (a number, user id or SIP URI) is missing");
            }
            actions.add(new VoiceAction.Refer(
                    text(args, 0), referTo.trim(), JsValues.stringMap(arg(args, 2)), queue(args, 3)));
            return "refer to " + referTo.trim();
        });
        function(utils, "hangup", args -> {
            actions.add(new VoiceAction.Hangup(text(args, 0), JsValues.stringMap(arg(args, 1)), queue(args, 2)));
            return "hangup";
        });
        function(utils, "play", args -> {
            String audio = text(args, 0);
            if (audio == null || audio.isBlank()) {
                throw Context.reportRuntimeError("voiceUtils.play: the audio file (a path or file: URI) is missing");
            }
            actions.add(new VoiceAction.Play(audio.trim(), queue(args, 1)));
            return "play " + audio.trim();
        });
        function(utils, "sendDTMF", args -> {
            String digits = text(args, 0);
            if (digits == null || !digits.matches("[0-9*#A-Da-d]{1,32}")) {
                throw Context.reportRuntimeError(
                        "voiceUtils.sendDTMF: digits must be 1-32 of 0-9, *, #, A-D; got '" + digits + "'");
            }
            actions.add(new VoiceAction.SendDtmf(digits.toUpperCase(java.util.Locale.ROOT)));
            return "dtmf " + digits;
        });
        Function<Object[], Object> abort = args -> {
            actions.add(new VoiceAction.AbortPrompt());
            return "abortPrompt";
        };
        function(utils, "abortPrompt", abort);
        function(utils, "abortPrompts", abort);
        UNSUPPORTED.forEach((name, why) -> function(utils, name, args -> {
            throw Context.reportRuntimeError("voiceUtils." + name + " is not supported: " + why);
        }));
        return utils;
    }

    private static void function(Scriptable target, String name, Function<Object[], Object> body) {
        ScriptableObject.putProperty(target, name, new BaseFunction() {
            private static final long serialVersionUID = 1L;

            @Override
            public Object call(Context c, Scriptable s, Scriptable thisObj, Object[] args) {
                return body.apply(args);
            }
        });
    }

    /** Kore's {@code queueCommand}: true unless given as false. */
    private static boolean queue(Object[] args, int i) {
        Object v = arg(args, i);
        return v == null || v instanceof Undefined || Context.toBoolean(v);
    }

    private static Object arg(Object[] args, int i) {
        return i < args.length ? args[i] : Undefined.instance;
    }

    private static String text(Object[] args, int i) {
        Object v = arg(args, i);
        return v == null || v instanceof Undefined ? null : Context.toString(v);
    }

    private static final class Print extends BaseFunction {
        private static final long serialVersionUID = 1L;
        private final transient List<String> printed;

        Print(List<String> printed) {
            this.printed = printed;
        }

        @Override
        public Object call(Context cx, Scriptable scope, Scriptable thisObj, Object[] args) {
            if (printed.size() < MAX_PRINTED_LINES) {
                StringBuilder b = new StringBuilder();
                for (Object a : args) {
                    b.append(b.length() == 0 ? "" : " ").append(Context.toString(a));
                }
                printed.add(b.length() > MAX_LINE_CHARS ? b.substring(0, MAX_LINE_CHARS) : b.toString());
            }
            return Undefined.instance;
        }
    }
}
