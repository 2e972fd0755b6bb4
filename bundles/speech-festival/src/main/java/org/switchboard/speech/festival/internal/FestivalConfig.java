package org.switchboard.speech.festival.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the Festival synthesizer, PID {@value FestivalSynthesizer#PID}. */
@ObjectClassDefinition(
        name = "Switchboard speech: Festival",
        description = "Prompts synthesized by Debian's Festival with its HTS voice.")
public @interface FestivalConfig {

    @AttributeDefinition(name = "Festival", description = "The festival program (a path or a name on the PATH).")
    String command() default "festival";

    @AttributeDefinition(
            name = "Processes",
            description = "Festival processes kept running, i.e. prompts synthesized at the same time (1-16).")
    int pool_size() default 2;

    @AttributeDefinition(
            name = "Prompt timeout",
            description = "Milliseconds a prompt may take before its process is replaced (1000-120000).")
    int timeout_ms() default 15000;

    @AttributeDefinition(
            name = "Ranking",
            description = "The service ranking: the synthesizer with the highest says prompts that name no voice.")
    int service_ranking() default 10;
}
