package org.switchboard.speech.festival.internal;

import java.io.IOException;
import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
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
import org.switchboard.util.osgi.LateService;

/**
 * Starts the Festival processes on a thread of its own (about a second each, which must not hold up the gateway's
 * start) and registers the {@link SpeechSynthesizer} service once they answer: engine {@code festival}, voice
 * {@code slt}, ranking {@code service.ranking} (10: above FreeTTS, so that prompts naming no voice are said by
 * Festival). Until then {@code /health} says so under {@code degraded}. When Festival or the voice is not installed
 * the service is never registered and a warning says what to install; prompts are then said by the other
 * synthesizers.
 */
@Component(
        service = HealthContributor.class,
        immediate = true,
        configurationPid = FestivalSynthesizer.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = FestivalConfig.class)
public final class FestivalService implements HealthContributor {

    private static final Logger LOG = LoggerFactory.getLogger(FestivalService.class);

    private final LateService<FestivalSynthesizer> synthesizer;

    @Activate
    public FestivalService(FestivalConfig config, BundleContext context) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(SpeechRecognizer.ENGINE, "festival");
        props.put(SpeechRecognizer.LANGUAGES, "en-US");
        props.put(SpeechSynthesizer.VOICES, new String[] {FestivalSynthesizer.VOICE});
        props.put(Constants.SERVICE_RANKING, config.service_ranking());
        synthesizer = LateService.start(
                "festival-start",
                context,
                new String[] {SpeechSynthesizer.class.getName()},
                props,
                () -> new FestivalSynthesizer(
                        config, context.getDataFile("prompts").toPath()),
                FestivalSynthesizer::deactivate,
                e -> {
                    if (e instanceof IOException) {
                        LOG.warn(
                                "Festival synthesizer not started: {}; prompts use the other synthesizers",
                                e.getMessage());
                    } else if (e instanceof IllegalArgumentException) { // a bad configuration
                        LOG.error("Festival synthesizer not started: {}", e.getMessage());
                    } else {
                        LOG.error("Festival synthesizer not started: {}", e.toString(), e);
                    }
                });
    }

    /** Festival not installed is not degraded: the other synthesizers speak (the warning said so once). */
    @Override
    public List<String> degraded() {
        return synthesizer.pending()
                ? List.of("speech synthesizer starting (Festival): its voice is not available until it is ready")
                : List.of();
    }

    @Deactivate
    void deactivate() {
        synthesizer.close(30_000);
    }
}
