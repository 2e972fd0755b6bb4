package org.switchboard.speech.freetts.internal;

import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.BundleContext;
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
 * Allocates the FreeTTS voices on a thread of its own (over a second, which must not hold up the gateway's start)
 * and registers the {@link FreeTtsSynthesizer} as a {@link SpeechSynthesizer} once they are ready (engine {@code
 * freetts}, voices {@code kevin} and {@code kevin16}). Until then {@code /health} says so under {@code degraded}; a
 * bad configuration stays there with the reason.
 */
@Component(
        service = HealthContributor.class,
        immediate = true,
        configurationPid = FreeTtsSynthesizer.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = FreeTtsConfig.class)
public final class FreeTtsService implements HealthContributor {

    private static final Logger LOG = LoggerFactory.getLogger(FreeTtsService.class);

    private final LateService<FreeTtsSynthesizer> synthesizer;

    @Activate
    public FreeTtsService(FreeTtsConfig config, BundleContext context) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(SpeechRecognizer.ENGINE, "freetts");
        props.put(SpeechRecognizer.LANGUAGES, "en-US");
        props.put(
                SpeechSynthesizer.VOICES,
                FreeTtsSynthesizer.NAMES.stream().sorted().toArray(String[]::new));
        synthesizer = LateService.start(
                "freetts-load",
                context,
                new String[] {SpeechSynthesizer.class.getName()},
                props,
                () -> new FreeTtsSynthesizer(config),
                FreeTtsSynthesizer::deactivate,
                e -> {
                    if (!(e instanceof IllegalArgumentException)) { // a bad configuration is logged already
                        LOG.error("FreeTTS synthesizer not started: {}", e.toString(), e);
                    }
                });
    }

    @Override
    public List<String> degraded() {
        if (synthesizer.pending()) {
            return List.of("speech synthesizer loading (FreeTTS): its voices are not available until it is ready");
        }
        String f = synthesizer.failure();
        return f == null ? List.of() : List.of("speech synthesizer not started (FreeTTS): " + f);
    }

    @Deactivate
    void deactivate() {
        synthesizer.close(30_000);
    }
}
