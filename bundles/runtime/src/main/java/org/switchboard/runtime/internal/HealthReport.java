package org.switchboard.runtime.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/** The state of Switchboard's bundles and components, and what is wrong with them. */
final class HealthReport {

    final List<Map<String, Object>> bundles = new ArrayList<>();
    final List<Map<String, Object>> components = new ArrayList<>();
    final List<String> problems = new ArrayList<>();

    boolean healthy() {
        return problems.isEmpty();
    }

    static HealthReport of(Bundle[] installed, ServiceComponentRuntime scr, HealthConfig config) {
        HealthReport r = new HealthReport();
        List<String> missing = new ArrayList<>();
        for (String entry : config.required_bundles()) {
            Arrays.stream(entry.split(","))
                    .map(String::trim)
                    .filter(e -> !e.isEmpty())
                    .forEach(missing::add);
        }
        for (Bundle b : installed) {
            String bsn = b.getSymbolicName();
            if (bsn == null || !(bsn.startsWith(config.bundle_prefix()) || missing.contains(bsn))) {
                continue;
            }
            missing.remove(bsn);
            boolean fragment = b.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
            String state = stateName(b.getState());
            Map<String, Object> bundle = new LinkedHashMap<>();
            bundle.put("symbolicName", bsn);
            bundle.put("version", b.getVersion().toString());
            bundle.put("state", state);
            r.bundles.add(bundle);
            boolean ok = fragment ? b.getState() == Bundle.RESOLVED : b.getState() == Bundle.ACTIVE;
            if (!ok) {
                r.problems.add("bundle " + bsn + " is " + state);
                continue;
            }
            if (scr != null && !fragment) {
                r.addComponents(scr, b);
            }
        }
        for (String bsn : missing) {
            r.problems.add("bundle " + bsn + " is not installed");
        }
        if (scr == null) {
            r.problems.add("Declarative Services (SCR) is not running");
        }
        return r;
    }

    private void addComponents(ServiceComponentRuntime scr, Bundle b) {
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", d.name);
            c.put("bundle", b.getSymbolicName());
            components.add(c);
            if (!scr.isComponentEnabled(d)) {
                c.put("state", "disabled");
                if (d.defaultEnabled) {
                    problems.add("component " + d.name + " is disabled");
                }
                continue;
            }
            var configs = scr.getComponentConfigurationDTOs(d);
            if (configs.isEmpty()) {
                boolean needsConfig = "require".equals(d.configurationPolicy);
                c.put("state", needsConfig ? "waiting for configuration" : "not created");
                problems.add("component " + d.name
                        + (needsConfig
                                ? " is waiting for its configuration (PID " + String.join(", ", d.configurationPid)
                                        + ")"
                                : " has no configuration instance"));
                continue;
            }
            List<String> states = new ArrayList<>();
            for (ComponentConfigurationDTO cc : configs) {
                states.add(componentState(cc.state));
                switch (cc.state) {
                    case ComponentConfigurationDTO.ACTIVE, ComponentConfigurationDTO.SATISFIED -> {}
                    case ComponentConfigurationDTO.FAILED_ACTIVATION ->
                        problems.add("component " + d.name + " failed to activate: " + rootCause(cc.failure));
                    case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> {
                        List<String> refs = new ArrayList<>();
                        for (UnsatisfiedReferenceDTO u : cc.unsatisfiedReferences) {
                            refs.add(u.name + (u.target == null ? "" : " " + u.target));
                        }
                        problems.add("component " + d.name + " is missing references: " + String.join(", ", refs));
                    }
                    default -> problems.add("component " + d.name + " is " + componentState(cc.state));
                }
                if (cc.failure != null) {
                    c.put("failure", rootCause(cc.failure));
                }
            }
            c.put("state", states.size() == 1 ? states.get(0) : states);
        }
    }

    /**
     * The message of the innermost cause in SCR's failure text (a stack trace), without its exception class:
     * "PID org.switchboard.sip: property 'udp.port' = '70000': ..." rather than an InvocationTargetException.
     */
    static String rootCause(String failure) {
        if (failure == null) {
            return null;
        }
        String cause = failure.lines().findFirst().orElse(failure);
        for (String line : (Iterable<String>) failure.lines()::iterator) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length());
            }
        }
        return cause.replaceFirst("^[\\w.$]+(Exception|Error): ", "").trim();
    }

    static String componentState(int state) {
        return switch (state) {
            case ComponentConfigurationDTO.ACTIVE -> "active";
            case ComponentConfigurationDTO.SATISFIED -> "satisfied";
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "unsatisfied configuration";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "unsatisfied reference";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "failed activation";
            default -> "unknown (" + state + ")";
        };
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "UNKNOWN";
        };
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", healthy() ? "UP" : "DOWN");
        m.put("problems", problems);
        m.put("bundles", bundles);
        m.put("components", components);
        return m;
    }
}
