package org.switchboard.runtime.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.switchboard.api.health.HealthContributor;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /health}: 200 with JSON listing Switchboard's bundles and components when every one is active and
 * satisfied, 503 with the list of problems otherwise (a bundle not active, a component that failed to activate
 * because of a bad configuration, a missing reference). {@code degraded} lists what the bundles' {@link
 * HealthContributor}s report (a database away while records wait in the journal): the gateway still serves, so the
 * status stays 200.
 */
@Component(
        service = Servlet.class,
        configurationPid = HealthServlet.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@HttpWhiteboardServletPattern("/health")
@Designate(ocd = HealthConfig.class)
public class HealthServlet extends HttpServlet {

    /** The configuration PID. */
    public static final String PID = "org.switchboard.health";

    private static final long serialVersionUID = 1L;
    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeNulls()
            .disableHtmlEscaping()
            .create();

    private final transient BundleContext context;
    private final transient HealthConfig config;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ServiceComponentRuntime scr;

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            fieldOption = FieldOption.REPLACE)
    private transient volatile List<HealthContributor> contributors = List.of();

    @Activate
    public HealthServlet(BundleContext context, HealthConfig config) {
        this.context = context;
        this.config = config;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        HealthReport report = HealthReport.of(context.getBundles(), scr, config);
        resp.setStatus(report.healthy() ? 200 : 503);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        Map<String, Object> json = report.toJson();
        List<String> degraded = new ArrayList<>();
        for (HealthContributor c : contributors) {
            try {
                degraded.addAll(c.degraded());
            } catch (RuntimeException e) {
                degraded.add("a health contributor failed: " + e);
            }
        }
        json.put("degraded", degraded);
        resp.getWriter().write(GSON.toJson(json));
    }
}
