package org.switchboard.speech.vosk.internal;

import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.health.HealthContributor;
import org.switchboard.api.metrics.MetricsSource;
import org.switchboard.api.speech.SpeechRecognizer;
import org.switchboard.util.osgi.LateService;

/**
 * Registers the {@link VoskRecognizer} as the {@link SpeechRecognizer}. With {@code model.load=demand} (the default)
 * it is registered at once and loads its model when a call comes ({@link VoskRecognizer#onDemand}). With {@code
 * start} the model is loaded on a thread of its own once the bundles have started (copied out of the bundle the first
 * time, then about a second each start, which must not hold up the gateway's) and the recognizer registered once
 * loaded. While a model loads {@code /health} says so under {@code degraded}; a model that cannot be loaded stays
 * there with the reason.
 */
@Component(
        service = HealthContributor.class,
        immediate = true,
        configurationPid = VoskRecognizer.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = VoskConfig.class)
public final class VoskService implements HealthContributor {

    private static final Logger LOG = LoggerFactory.getLogger(VoskService.class);

    private final LateService<VoskRecognizer> recognizer;
    private final VoskRecognizer onDemand;
    private final ServiceRegistration<?> registration;

    @Activate
    public VoskService(VoskConfig config, BundleContext context) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(SpeechRecognizer.ENGINE, "vosk");
        props.put(SpeechRecognizer.LANGUAGES, "en-US");
        String[] services = {SpeechRecognizer.class.getName(), MetricsSource.class.getName()};
        if ("demand".equals(config.model_load().trim())) {
            recognizer = null;
            onDemand = VoskRecognizer.onDemand(config, () -> VoskRecognizer.modelDirectory(config, context));
            registration = context.registerService(services, onDemand, props);
            return;
        }
        onDemand = null;
        registration = null;
        recognizer = LateService.start(
                "vosk-load",
                context,
                services,
                props,
                () -> new VoskRecognizer(config, VoskRecognizer.modelDirectory(config, context)),
                VoskRecognizer::deactivate,
                e -> {
                    LOG.debug("Vosk recognizer not made", e); // the recognizer logged the reason
                });
    }

    @Override
    public List<String> degraded() {
        if (onDemand != null) {
            String f = onDemand.modelFailure();
            if (f != null) {
                return List.of("speech recognizer not started (Vosk): " + f);
            }
            return onDemand.modelLoading()
                    ? List.of("speech model loading (Vosk, on demand): gathers' audio waits for it")
                    : List.of();
        }
        if (recognizer.pending()) {
            return List.of("speech recognizer loading (Vosk): calls hear DTMF only until it is ready");
        }
        String f = recognizer.failure();
        return f == null ? List.of() : List.of("speech recognizer not started (Vosk): " + f);
    }

    @Deactivate
    void deactivate() {
        if (onDemand != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // gone with the bundle
            }
            onDemand.deactivate();
            return;
        }
        recognizer.close(30_000);
    }
}
