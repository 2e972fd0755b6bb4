package org.switchboard.summary.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A {@link SummaryApiConfig} with its defaults and some values changed, as Config Admin would give it. */
final class Configs {

    private Configs() {}

    static SummaryApiConfig config(Map<String, Object> changed) {
        return (SummaryApiConfig) Proxy.newProxyInstance(
                Configs.class.getClassLoader(), new Class<?>[] {SummaryApiConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return SummaryApiConfig.class;
                    }
                    Object v = changed.get(method.getName());
                    return v != null ? v : method.getDefaultValue();
                });
    }
}
