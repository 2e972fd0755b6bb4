package org.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.Collection;
import java.util.List;

import org.junit.Test;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.switchboard.api.speech.Audio;
import org.switchboard.api.speech.SpeechSynthesizer;

/**
 * The better voice in the assembled container: Festival (installed by ./test) registers its synthesizer once its
 * processes answer, ranked above FreeTTS so that prompts naming no voice use it, and it survives a bundle restart.
 */
public class SpeechVoicesIT extends SwitchboardTestSupport {

    private ServiceReference<SpeechSynthesizer> festival() throws Exception {
        for (int i = 0; i < 300; i++) {
            Collection<ServiceReference<SpeechSynthesizer>> refs =
                    context.getServiceReferences(SpeechSynthesizer.class, "(speech.engine=festival)");
            if (!refs.isEmpty()) {
                return refs.iterator().next();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no Festival synthesizer within 15 s (is festival installed?)");
    }

    @Test
    public void festivalSaysPromptsAboveFreeTtsAndComesBackAfterARestart() throws Exception {
        awaitHealthy();
        ServiceReference<SpeechSynthesizer> ref = festival();
        assertEquals(
                List.of("slt"),
                SpeechSynthesizer.voices(
                        java.util.Map.of(SpeechSynthesizer.VOICES, ref.getProperty(SpeechSynthesizer.VOICES))));
        int freetts = 0;
        for (ServiceReference<SpeechSynthesizer> r :
                context.getServiceReferences(SpeechSynthesizer.class, "(speech.engine=freetts)")) {
            Object ranking = r.getProperty(Constants.SERVICE_RANKING);
            freetts = ranking instanceof Integer n ? n : 0;
        }
        assertTrue("Festival ranks above FreeTTS", (Integer) ref.getProperty(Constants.SERVICE_RANKING) > freetts);
        Audio a = context.getService(ref).synthesize("Thank you for calling Acme support.", null);
        assertTrue(a.durationMillis() > 1000);

        var bundle = installed("org.switchboard.speech-festival");
        bundle.stop();
        assertTrue(context.getServiceReferences(SpeechSynthesizer.class, "(speech.engine=festival)")
                .isEmpty());
        bundle.start();
        assertNotNull(festival());
        awaitHealthy();
    }
}
