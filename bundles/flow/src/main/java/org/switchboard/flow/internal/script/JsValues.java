package org.switchboard.flow.internal.script;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.NativeArray;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;

/** Plain data between Java (maps, lists, strings, numbers, booleans) and JavaScript objects; nothing else passes. */
final class JsValues {

    private JsValues() {}

    static Object toJs(Context cx, Scriptable scope, Object value) {
        if (value instanceof Map<?, ?> map) {
            Scriptable o = cx.newObject(scope);
            map.forEach((k, v) -> ScriptableObject.putProperty(o, String.valueOf(k), toJs(cx, scope, v)));
            return o;
        }
        if (value instanceof List<?> list) {
            return cx.newArray(scope, list.stream().map(v -> toJs(cx, scope, v)).toArray());
        }
        if (value instanceof String || value instanceof Boolean || value == null) {
            return value;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        return String.valueOf(value);
    }

    static Object toJava(Object value) {
        if (value == null || value instanceof Undefined || value instanceof Function) {
            return null;
        }
        if (value instanceof NativeArray a) {
            List<Object> list = new ArrayList<>();
            for (Object id : a.getIds()) {
                list.add(toJava(a.get(id)));
            }
            return list;
        }
        if (value instanceof Scriptable s) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Object id : s.getIds()) {
                Object v = id instanceof Integer i ? s.get(i, s) : s.get(String.valueOf(id), s);
                Object j = toJava(v);
                if (j != null || v == null) {
                    map.put(String.valueOf(id), j);
                }
            }
            return map;
        }
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
            return d.longValue();
        }
        if (value instanceof CharSequence cs) {
            return cs.toString();
        }
        return value;
    }

    static Map<String, String> stringMap(Object value) {
        Map<String, String> m = new LinkedHashMap<>();
        if (toJava(value) instanceof Map<?, ?> map) {
            map.forEach((k, v) -> m.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        }
        return m;
    }
}
