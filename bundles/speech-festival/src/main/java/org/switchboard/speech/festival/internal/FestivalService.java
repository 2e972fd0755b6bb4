package org.switchboard.speech.festival.internal;

import java.io.IOException;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.speech.SpeechRecognizer;
import org.switchboard.api.speech.SpeechSynthesizer;

/**
 * Starts the Festival processes on a thread of its own (about a second each, which must not hold up the gateway's
 * start) and registers the {@link SpeechSynthesizer} service once they answer: engine {@code festival}, voice
 * {@code slt}, ranking {@code service.ranking} (10: above FreeTTS, so that prompts naming no voice are said by
 * Festival). When Festival or the voice is not installed the service is never registered and a warning says what
 * to install; prompts are then said by the other synthesizers.
 */
@Component(
        immediate = true,
        configurationPid = FestivalSynthesizer.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = FestivalConfig.class)
public final class FestivalService {

    private static final Logger LOG = LoggerFactory.getLogger(FestivalService.class);

    private final Thread starter;
    private FestivalSynthesizer synthesizer;
    private ServiceRegistration<SpeechSynthesizer> registration;
    private boolean stopped;

    @Activate
    public FestivalService(FestivalConfig config, BundleContext context) {
        starter = new Thread(() -> start(config, context), "festival-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void start(FestivalConfig config, BundleContext context) {
        FestivalSynthesizer s;
        try {
            s = new FestivalSynthesizer(config, context.getDataFile("prompts").toPath());
        } catch (IOException e) {
            LOG.warn("Festival synthesizer not started: {}; prompts use the other synthesizers", e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            LOG.error("Festival synthesizer not started: {}", e.getMessage());
            return;
        }
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(SpeechRecognizer.ENGINE, "festival");
        props.put(SpeechRecognizer.LANGUAGES, "en-US");
        props.put(SpeechSynthesizer.VOICES, new String[] {FestivalSynthesizer.VOICE});
        props.put(Constants.SERVICE_RANKING, config.service_ranking());
        synchronized (this) {
            if (stopped) {
                s.deactivate();
                return;
            }
            synthesizer = s;
            try {
                registration = context.registerService(SpeechSynthesizer.class, s, props);
            } catch (IllegalStateException e) {
                s.deactivate(); // the bundle is stopping
                synthesizer = null;
            }
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            stopped = true;
            if (registration != null) {
                try {
                    registration.unregister();
                } catch (IllegalStateException e) {
                    // already gone with the bundle
                }
                registration = null;
            }
        }
        try {
            starter.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (synthesizer != null) {
                synthesizer.deactivate();
                synthesizer = null;
            }
        }
    }
}
