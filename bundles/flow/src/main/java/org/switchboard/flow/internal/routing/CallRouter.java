package org.switchboard.flow.internal.routing;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.adapter.ContactCenterAdapter;
import org.switchboard.api.routing.CallRoute;
import org.switchboard.api.routing.CallRouting;
import org.switchboard.flow.internal.WorkspaceConfig;
import org.switchboard.flow.internal.workspace.Cidr;
import org.switchboard.flow.internal.workspace.FqdnResolver;
import org.switchboard.flow.internal.workspace.Workspace;

/**
 * The call router of DESIGN §1: a call's trunk by its source address (the trunk's peers, or the last addresses of its
 * FQDN), its flow by the DID attached on that trunk, and its contact-center adapter by the trunk's type. Routes
 * against one snapshot of the workspace in force, so a call never sees half of a change. Trunk FQDNs are looked up
 * off the call path, at once when the workspace changes and every {@code fqdn.refresh.s} after that. It shares the
 * workspace's PID ({@code fqdn.refresh.s}, {@code dns.server}).
 */
@Component(
        service = CallRouting.class,
        immediate = true,
        configurationPid = "org.switchboard.workspace",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class CallRouter implements CallRouting {

    private static final Logger LOG = LoggerFactory.getLogger(CallRouter.class);
    /** How often the workspace in force is compared with the one whose FQDNs were looked up. */
    static final long CHECK_MS = 1000;

    private final WorkspaceInForce workspace;
    private final AdapterDirectory adapters = new AdapterDirectory();
    private final TrunkAddresses addresses = new TrunkAddresses();
    private final ScheduledExecutorService timer;
    private volatile FqdnResolver resolver;
    private volatile long refreshNanos;
    private Workspace lookedUp;
    private long lookedUpAt;

    @Activate
    public CallRouter(WorkspaceConfig config, @Reference WorkspaceInForce workspace) {
        this.workspace = workspace;
        configure(config);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "call-router");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::lookUpWhenDue, 0, CHECK_MS, TimeUnit.MILLISECONDS);
    }

    @Modified
    void modified(WorkspaceConfig config) {
        configure(config);
        timer.execute(() -> {
            lookedUp = null; // another DNS server or interval: look up again now
            lookUpWhenDue();
        });
    }

    private void configure(WorkspaceConfig config) {
        if (config.fqdn_refresh_s() < 10 || config.fqdn_refresh_s() > 86_400) {
            String message = "PID org.switchboard.workspace: property 'fqdn.refresh.s' = '" + config.fqdn_refresh_s()
                    + "': must be between 10 and 86400";
            LOG.error(message);
            throw new IllegalArgumentException(message);
        }
        resolver = new FqdnResolver(config.dns_server());
        refreshNanos = TimeUnit.SECONDS.toNanos(config.fqdn_refresh_s());
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    /** Looks up the trunks' FQDNs when the workspace changed or the refresh interval passed (on the timer thread). */
    void lookUpWhenDue() {
        try {
            Workspace w = workspace.current();
            long now = System.nanoTime();
            if (w != lookedUp || now - lookedUpAt >= refreshNanos) {
                addresses.refresh(w, resolver);
                lookedUp = w;
                lookedUpAt = now;
            }
        } catch (RuntimeException e) {
            LOG.warn("Trunk FQDNs could not be looked up: {}", e.toString());
        }
    }

    @Override
    public CallRoute route(String sourceAddress, String did) {
        Optional<InetAddress> source = Cidr.literal(sourceAddress);
        if (source.isEmpty()) {
            return CallRoute.notAllowed(did);
        }
        CallRoute route = workspace.current().resolve(source.get(), did, addresses::of);
        return route.trunk() == null
                ? route
                : route.withAdapter(adapters.forType(route.adapterType()).orElse(null));
    }

    @Override
    public boolean admits(String sourceAddress) {
        Optional<InetAddress> source = Cidr.literal(sourceAddress);
        return source.isPresent() && workspace.current().admits(source.get(), addresses::of);
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addAdapter(ContactCenterAdapter adapter, Map<String, Object> properties) {
        adapters.add(adapter, properties);
        LOG.info("Contact-center adapter '{}' available", properties.get(ContactCenterAdapter.ADAPTER_TYPE));
    }

    void removeAdapter(ContactCenterAdapter adapter, Map<String, Object> properties) {
        adapters.remove(adapter);
        LOG.info(
                "Contact-center adapter '{}' gone; calls in progress keep their policy",
                properties.get(ContactCenterAdapter.ADAPTER_TYPE));
    }
}
