package org.switchboard.speech.freetts.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the FreeTTS synthesizer, PID {@value FreeTtsSynthesizer#PID}. */
@ObjectClassDefinition(name = "Switchboard speech: FreeTTS", description = "Prompts synthesized with FreeTTS.")
public @interface FreeTtsConfig {

    @AttributeDefinition(name = "Default voice", description = "kevin (8 kHz diphone) or kevin16 (16 kHz, resampled).")
    String default_voice() default "kevin";

    @AttributeDefinition(
            name = "Voices in parallel",
            description = "Voice instances per voice name, i.e. prompts " + "synthesized at the same time (1-16).")
    int pool_size() default 2;

    @AttributeDefinition(name = "Prompt cache", description = "Synthesized prompts kept in memory (0: none).")
    int cache_size() default 200;

    @AttributeDefinition(name = "Speaking rate", description = "Words per minute (80-300).")
    int rate_wpm() default 150;

    @AttributeDefinition(
            name = "Preload",
            description = "auto: 10 s after start the default voice is allocated unless a synthesizer ranked above"
                    + " FreeTTS (Festival) is registered by then; always: at start; never: each voice when a prompt"
                    + " first needs it.")
    String preload() default "auto";
}
