package org.switchboard.sip.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ListeningPoint;
import javax.sip.SipProvider;
import javax.sip.message.Request;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.call.LiveCalls;
import org.switchboard.api.conversation.ConversationStore;
import org.switchboard.api.flow.FlowRunner;
import org.switchboard.api.metrics.MetricsSource;
import org.switchboard.api.metrics.MetricsWriter;
import org.switchboard.api.routing.CallRouting;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;

/**
 * The one owner of the SIP stack: creates it from configuration with its one listener, {@link SipDispatcher}, and
 * the processor of each method, and stops the stack within a bounded time when the component goes away. It needs its configuration (felix-config ships one), so
 * that it never binds a default port before the operator's settings arrive. Everything it uses from other bundles
 * (call router, flow runtime, conversation store, media engine) is a dynamic reference: those bundles may come and go
 * without the stack, or any call, being restarted; a new call that needs a missing one gets 503.
 *
 * <p>It is longer than most classes on purpose: it holds the stack's life cycle (start, bounded stop, the stop's
 * hand-back of every call) and the dynamic references every processor reads, which must change together under the
 * component's lock. The SIP listener ({@code SipDispatcher}) and each method's processor are classes of their own.
 */
@Component(
        immediate = true,
        configurationPid = SipStackOwner.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {MetricsSource.class, LiveCalls.class})
@Designate(ocd = SipConfig.class)
public class SipStackOwner implements MetricsSource, LiveCalls {

    /** The configuration PID. */
    public static final String PID = "org.switchboard.sip";

    private static final Logger LOG = LoggerFactory.getLogger(SipStackOwner.class);
    private static final AtomicInteger STACKS = new AtomicInteger();

    private final SipSettings settings;
    private final SipStackImpl stack;
    private final GuardedParser frontDoor;
    private final SipProvider provider;
    private final List<ListeningPoint> listeningPoints = new ArrayList<>();
    private final Map<String, MethodProcessor> processors = new LinkedHashMap<>();
    private volatile SipDispatcher dispatcher;
    private final Responder responder;
    private final SipWorkers workers;
    private final ScheduledExecutorService timers;
    private final CallRecorder recorder;
    private final SipContext calls;
    private final CallAdmission admission;
    /** Answered INVITEs whose transactions are gone, at most this many (32 s of 3,000 calls a second). */
    private final AnsweredInvites answeredInvites = new AnsweredInvites(100_000, System::nanoTime);

    private final Connections connections;
    private final Drain drain;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile CallRouting routing;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile FlowRunner runner;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ConversationStore store;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
    private volatile org.switchboard.api.media.MediaEngine media;

    /** Drains the gateway when the framework begins to stop, before any bundle (the store above all) is stopped. */
    private final SynchronousBundleListener frameworkStopping;

    private final BundleContext context;

    /** A stack outside a framework (tests): drained when deactivated. */
    SipStackOwner(SipConfig config) throws Exception {
        this(config, null);
    }

    @Activate
    public SipStackOwner(SipConfig config, BundleContext context) throws Exception {
        this.context = context;
        try {
            settings = SipSettings.from(config);
        } catch (IllegalArgumentException e) {
            LOG.error("SIP stack not started: {}", e.getMessage());
            throw e;
        }
        TreeSet<String> allowed = new TreeSet<>(List.of(
                Request.INVITE,
                Request.ACK,
                Request.BYE,
                Request.CANCEL,
                Request.OPTIONS,
                Request.UPDATE,
                Request.NOTIFY,
                Request.INFO));
        responder = new Responder(new MessageFactoryImpl(), new HeaderFactoryImpl(), allowed);

        workers = new SipWorkers(settings.workerThreads(), settings.workerBacklog());
        ScheduledThreadPoolExecutor timerPool = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sip-timer");
            t.setDaemon(true);
            return t;
        });
        timerPool.setRemoveOnCancelPolicy(
                true); // a call's cancelled timers leave at once, not when they would have run
        timers = timerPool;
        recorder = new CallRecorder(() -> store, settings.recorderQueueSize(), settings.recorderGatherMs());

        String name = "switchboard-" + STACKS.incrementAndGet();
        stack = new SipStackImpl(StackProperties.of(settings, name));
        connections = new Connections(settings, () -> routing);
        connections.install(stack);
        frontDoor = new GuardedParser(new FrontDoor(settings.maxMessageSize(), settings.maxHeaderFields()), timers);
        stack.setMessageParserFactory(frontDoor);
        stack.sipMessageValves.add(new CutBodyValve());
        SipMetrics metrics = new SipMetrics();
        stack.sipMessageValves.add(new InviteRetransmissionValve(stack, metrics, answeredInvites));
        admission = new CallAdmission(
                settings.maxCalls(), settings.maxCallsPerSecond(), System::nanoTime, recorder::behind);
        stack.sipMessageValves.add(new OverloadValve(
                stack, admission, () -> routing, settings.retryAfterS(), metrics, settings.trustedProxies()));
        try {
            SipProvider p = null;
            for (String transport : transports()) {
                int port = switch (transport) {
                    case ListeningPoint.UDP -> settings.udpPort();
                    case ListeningPoint.TLS -> settings.tlsPort();
                    default -> settings.tcpPort();
                };
                ListeningPoint lp;
                try {
                    lp = stack.createListeningPoint(settings.address(), port, transport);
                } catch (Exception e) {
                    throw new IllegalStateException(
                            "PID " + PID + ": cannot listen on " + transport.toLowerCase(Locale.ROOT) + " "
                                    + settings.address() + ":" + port + ": " + e.getMessage(),
                            e);
                }
                listeningPoints.add(lp);
                if (p == null) {
                    p = stack.createSipProvider(lp);
                } else {
                    p.addListeningPoint(lp);
                }
            }
            provider = p;
            calls = new SipContext(
                    provider,
                    responder,
                    new AddressFactoryImpl(),
                    settings,
                    timers,
                    workers,
                    recorder,
                    () -> runner,
                    () -> media,
                    metrics,
                    admission);
            drain = new Drain(settings, admission, calls::calls, recorder);
            registerProcessors();
            dispatcher = new SipDispatcher(settings, provider, responder, workers, calls, processors, answeredInvites);
            provider.addSipListener(dispatcher);
            stack.start();
            timers.scheduleWithFixedDelay(this::sweepAdmissions, 5, 5, TimeUnit.SECONDS);
            timers.scheduleWithFixedDelay(answeredInvites::sweep, 1, 1, TimeUnit.SECONDS);
            frameworkStopping = event -> {
                if (event.getType() == BundleEvent.STOPPING && event.getBundle().getBundleId() == 0) {
                    drain.run();
                }
            };
            if (context != null) {
                context.addBundleListener(frameworkStopping);
            }
        } catch (Exception e) {
            LOG.error("SIP stack not started: {}", e.getMessage());
            stopStack();
            workers.shutdownNow();
            timers.shutdownNow();
            recorder.close(0);
            throw e;
        }
        LOG.info(
                "SIP listening on {} (udp {}, tcp {}, tls {})",
                settings.address(),
                portText(settings.udpPort()),
                portText(settings.tcpPort()),
                portText(settings.tlsPort()));
        if (settings.tls() != null) {
            LOG.info(
                    "SIP over TLS: {} as {}, client certificates {}, {}",
                    settings.tls().keystore(),
                    settings.tls().subject(),
                    settings.tls().clientAuthName(),
                    settings.tls().protocols());
        }
    }

    private void registerProcessors() {
        processors.put(Request.INVITE, new InviteProcessor(calls, () -> routing));
        processors.put(Request.ACK, InDialogProcessor.ack(calls));
        processors.put(Request.BYE, new InDialogProcessor(calls, SipCall::bye));
        processors.put(Request.CANCEL, new InDialogProcessor(calls, SipCall::cancel));
        processors.put(
                Request.UPDATE,
                new InDialogProcessor(calls, (c, tx, r) -> c.refresh().refreshReceived(tx, r)));
        processors.put(Request.NOTIFY, new InDialogProcessor(calls, SipCall::notifyReceived));
        processors.put(Request.INFO, new InDialogProcessor(calls, SipCall::info));
        processors.put(Request.OPTIONS, new OptionsProcessor(responder, admission::closed, settings.retryAfterS()));
    }

    private static String portText(int port) {
        return port == 0 ? "off" : Integer.toString(port);
    }

    private List<String> transports() {
        List<String> t = new ArrayList<>();
        if (settings.udpPort() > 0) {
            t.add(ListeningPoint.UDP);
        }
        if (settings.tcpPort() > 0) {
            t.add(ListeningPoint.TCP);
        }
        if (settings.tlsPort() > 0) {
            t.add(ListeningPoint.TLS);
        }
        return t;
    }

    @Override
    public List<LiveCall> calls() {
        SipContext c = calls;
        List<LiveCall> live = new java.util.ArrayList<>();
        if (c != null) {
            c.calls().forEach(call -> live.add(call.live()));
        }
        live.sort(java.util.Comparator.comparing(LiveCall::startedAt));
        return live;
    }

    @Override
    public Optional<LiveCall> find(String sessionOrCallId) {
        return call(sessionOrCallId).map(SipCall::live);
    }

    @Override
    public boolean hangup(String sessionOrCallId, String reason) {
        Optional<SipCall> call = call(sessionOrCallId);
        call.ifPresent(c -> c.operatorHangup(reason));
        return call.isPresent();
    }

    @Override
    public boolean transferToAgent(String sessionOrCallId, String reason) {
        Optional<SipCall> call = call(sessionOrCallId);
        call.ifPresent(c -> c.operatorTransfer(reason));
        return call.isPresent();
    }

    @Override
    public boolean draining() {
        return admission.draining();
    }

    @Override
    public void drain() {
        if (!admission.draining()) {
            admission.drain();
            LOG.info(
                    "Draining: new calls get 503 and OPTIONS 503 while the {} call(s) in progress finish",
                    admission.inUse());
            java.util.concurrent.atomic.AtomicReference<java.util.concurrent.ScheduledFuture<?>> watch =
                    new java.util.concurrent.atomic.AtomicReference<>();
            watch.set(timers.scheduleWithFixedDelay(
                    () -> {
                        if (!admission.draining()) {
                            watch.get().cancel(false);
                        } else if (calls().isEmpty()) {
                            LOG.info("Drained: no call in progress; the node can be stopped or upgraded");
                            watch.get().cancel(false);
                        }
                    },
                    500,
                    500,
                    TimeUnit.MILLISECONDS));
        }
    }

    @Override
    public void undrain() {
        if (admission.draining()) {
            admission.undrain();
            LOG.info("Drain ended: taking new calls again");
        }
    }

    private Optional<SipCall> call(String id) {
        SipContext c = calls;
        if (c == null || id == null) {
            return Optional.empty();
        }
        for (SipCall call : c.calls()) {
            if (call.sessionId().equals(id) || call.callId().equals(id)) {
                return call.isActive() ? Optional.of(call) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private void sweepAdmissions() {
        int lost = admission.sweep();
        if (lost > 0) {
            LOG.warn(
                    "{} admitted INVITE(s) never became a call nor were refused within {} s; their places are "
                            + "given back",
                    lost,
                    CallAdmission.UNBOUND_TTL_NANOS / 1_000_000_000L);
        }
    }

    /** The worker pool requests are processed on (tests hold it to build a queue). */
    SipWorkers workers() {
        return workers;
    }

    /** Calls counted against the overload limits (tests check every place is given back). */
    int admitted() {
        return admission.inUse();
    }

    /** Server transactions the stack holds (tests check none is left behind). */
    int serverTransactions() {
        return stack.getServerTransactionTableSize();
    }

    @Override
    public void collect(MetricsWriter out) {
        SipContext c = calls;
        if (c != null) {
            c.metrics.collect(out, c.calls());
        }
        recorder.collect(out);
        connections.collect(out);
    }

    @Deactivate
    void deactivate() {
        if (context != null) {
            try {
                context.removeBundleListener(frameworkStopping);
            } catch (IllegalStateException stopped) {
                // the bundle's context is already invalid
            }
        }
        drain.run();
        timers.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        stopStack();
        recorder.close(2000);
        LOG.info("SIP stack stopped");
    }

    /**
     * Stops the stack on a helper thread and waits at most the configured time: the RI's stop() can hang. stop()
     * alone closes every socket and releases the ports; deleting the provider first would cost the RI's fixed
     * one-second pause a second time. The RI's UDP processor can race its own channel threads while stopping
     * (ConcurrentModificationException after its socket is closed, skipping the rest of the stop); stop() is then
     * repeated once those threads are gone.
     */
    private void stopStack() {
        Thread stopper = new Thread(
                () -> {
                    if (provider != null && dispatcher != null) {
                        provider.removeSipListener(dispatcher);
                    }
                    for (int attempt = 1; attempt <= 3; attempt++) {
                        try {
                            stack.stop();
                            return;
                        } catch (RuntimeException e) {
                            LOG.debug("SIP stack stop attempt {} failed: {}", attempt, e.toString());
                            try {
                                Thread.sleep(50);
                            } catch (InterruptedException interrupted) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                        }
                    }
                    LOG.warn("SIP stack did not stop cleanly after 3 attempts");
                },
                "sip-stack-stop");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(settings.stopTimeoutMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopper.isAlive()) {
            LOG.warn(
                    "SIP stack did not stop within {} ms; its remaining threads are abandoned",
                    settings.stopTimeoutMs());
        }
    }
}
