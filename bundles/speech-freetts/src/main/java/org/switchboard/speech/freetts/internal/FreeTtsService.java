package org.switchboard.speech.freetts.internal;

import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.health.HealthContributor;
import org.switchboard.api.speech.SpeechRecognizer;
import org.switchboard.api.speech.SpeechSynthesizer;

/**
 * Registers the {@link FreeTtsSynthesizer} as a {@link SpeechSynthesizer} (engine {@code freetts}, voices {@code
 * kevin} and {@code kevin16}) at once: its voices are allocated when first needed, or ahead of that as {@code
 * preload} says, on a thread of its own. A bad configuration registers nothing and stays under {@code degraded} in
 * {@code /health} with the reason.
 */
@Component(
        service = HealthContributor.class,
        immediate = true,
        configurationPid = FreeTtsSynthesizer.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = FreeTtsConfig.class)
public final class FreeTtsService implements HealthContributor {

    private static final Logger LOG = LoggerFactory.getLogger(FreeTtsService.class);
    private static final long AUTO_PRELOAD_DELAY_MS = 10_000;

    private final FreeTtsSynthesizer synthesizer;
    private final ServiceRegistration<?> registration;
    private final Thread warmer;
    private final String failure;

    @Activate
    public FreeTtsService(FreeTtsConfig config, BundleContext context) {
        FreeTtsSynthesizer made;
        String why = null;
        try {
            made = new FreeTtsSynthesizer(config); // a bad configuration is logged there
        } catch (IllegalArgumentException e) {
            made = null;
            why = e.getMessage();
        }
        synthesizer = made;
        failure = why;
        if (made == null) {
            registration = null;
            warmer = null;
            return;
        }
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(SpeechRecognizer.ENGINE, "freetts");
        props.put(SpeechRecognizer.LANGUAGES, "en-US");
        props.put(
                SpeechSynthesizer.VOICES,
                FreeTtsSynthesizer.NAMES.stream().sorted().toArray(String[]::new));
        registration = context.registerService(SpeechSynthesizer.class.getName(), made, props);
        warmer = config.preload().equals("never")
                ? null
                : new Thread(() -> preload(context, config.preload().equals("auto")), "freetts-warm");
        if (warmer != null) {
            warmer.setDaemon(true);
            warmer.start();
        }
    }

    /**
     * Allocates the default voice: at once, or ({@code auto}) once the start has settled and only if no synthesizer
     * ranked above FreeTTS says the prompts.
     */
    private void preload(BundleContext context, boolean auto) {
        if (auto) {
            try {
                Thread.sleep(AUTO_PRELOAD_DELAY_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
        try {
            String above = auto ? outranking(context) : null;
            if (above != null) {
                LOG.debug("FreeTTS voices not preloaded: {} says the prompts that name no voice", above);
                return;
            }
            synthesizer.warm(synthesizer.defaultVoice());
        } catch (IllegalStateException e) {
            // the bundle is stopping
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("FreeTTS could not preload voice {}: {}", synthesizer.defaultVoice(), e.toString());
        }
    }

    /** The engine of a registered synthesizer ranked above this one, or {@code null}. */
    private static String outranking(BundleContext context) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(
                    SpeechSynthesizer.class.getName(), "(!(" + SpeechRecognizer.ENGINE + "=freetts))");
            if (refs != null) {
                for (ServiceReference<?> r : refs) {
                    if (r.getProperty(Constants.SERVICE_RANKING) instanceof Integer n && n > 0) {
                        return String.valueOf(r.getProperty(SpeechRecognizer.ENGINE));
                    }
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return null;
    }

    @Override
    public List<String> degraded() {
        return failure == null ? List.of() : List.of("speech synthesizer not started (FreeTTS): " + failure);
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // gone with the bundle
            }
        }
        if (warmer != null) {
            warmer.interrupt();
            try {
                warmer.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (synthesizer != null) {
            synthesizer.deactivate();
        }
    }
}
