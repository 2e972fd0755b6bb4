package org.switchboard.flow.internal.script;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * which it may change), {@code print(...)} and {@code voiceUtils.refer(message, referTo, headers)} /
 * {@code voiceUtils.hangup(message, headers)}, whose requests are returned as {@link VoiceAction}s.
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
            Map<String, Object> updated = JsValues.toJava(after) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            return new ScriptResult(null, List.copyOf(printed), List.copyOf(actions), updated);
        } catch (TimeLimit e) {
            return new ScriptResult("the script exceeded its time limit of " + timeoutMs + " ms", List.copyOf(printed),
                    List.of(), context);
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
        ScriptResult r = run("var __result = !!(" + expression + "\n);\ncontext.__result = __result;", context, timeoutMs);
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

    private static Scriptable voiceUtils(Context cx, Scriptable scope, List<VoiceAction> actions) {
        Scriptable utils = cx.newObject(scope);
        ScriptableObject.putProperty(utils, "refer", new BaseFunction() {
            @Override
            public Object call(Context c, Scriptable s, Scriptable thisObj, Object[] args) {
                String message = text(args, 0);
                String referTo = text(args, 1);
                if (referTo == null || referTo.isBlank()) {
                    throw Context.reportRuntimeError("voiceUtils.refer: referTo (a number or SIP URI) is missing");
                }
                actions.add(new VoiceAction.Refer(message, referTo.trim(), JsValues.stringMap(arg(args, 2))));
                return "refer to " + referTo.trim();
            }
        });
        ScriptableObject.putProperty(utils, "hangup", new BaseFunction() {
            @Override
            public Object call(Context c, Scriptable s, Scriptable thisObj, Object[] args) {
                actions.add(new VoiceAction.Hangup(text(args, 0), JsValues.stringMap(arg(args, 1))));
                return "hangup";
            }
        });
        return utils;
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
