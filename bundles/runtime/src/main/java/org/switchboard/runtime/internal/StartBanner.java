package org.switchboard.runtime.internal;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;

/** Prints where the Web Console and the health endpoint are whenever the HTTP runtime (re)appears. */
@Component(immediate = true)
public class StartBanner {

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindRuntime(HttpServiceRuntime runtime, Map<String, Object> properties) {
        for (String endpoint : endpoints(properties.get("osgi.http.endpoint"))) {
            String base = endpoint.endsWith("/") ? endpoint : endpoint + "/";
            long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
            System.out.println("Switchboard console: " + base + "system/console   health: " + base + "health"
                    + "   (HTTP up " + uptime + " ms after JVM start)");
        }
    }

    void unbindRuntime(HttpServiceRuntime runtime) {
        // nothing to undo
    }

    static List<String> endpoints(Object value) {
        if (value instanceof String s) {
            return List.of(s);
        }
        if (value instanceof String[] a) {
            return Arrays.asList(a);
        }
        if (value instanceof java.util.Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
