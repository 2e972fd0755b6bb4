package org.switchboard.speech.vosk.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the Vosk recognizer, PID {@value VoskRecognizer#PID}. */
@ObjectClassDefinition(name = "Switchboard speech: Vosk", description = "Offline speech recognition with Vosk.")
public @interface VoskConfig {

    @AttributeDefinition(
            name = "Model directory",
            description = "A Vosk model directory (with am/, conf/, graph/). "
                    + "Empty: the small English model shipped in this bundle.")
    String model_path() default "";

    @AttributeDefinition(
            name = "Recognition threads",
            description = "Threads decoding audio for all calls; 0: one " + "per processor.")
    int threads() default 0;

    @AttributeDefinition(
            name = "Concurrent recognitions",
            description = "Recognition streams open at once; a gather " + "beyond this listens for DTMF only.")
    int max_sessions() default 200;

    @AttributeDefinition(
            name = "Longest backlog",
            description = "Milliseconds of audio a stream may have waiting "
                    + "for a thread before it is given up (the gather goes on with DTMF).")
    int max_backlog_ms() default 3000;

    @AttributeDefinition(
            name = "Partial result interval",
            description = "Milliseconds of audio between partial results (the words heard so far), which let a "
                    + "gather end the caller's turn early and a prompt yield to words (20-1000; 0: no partials).")
    int partial_interval_ms() default 60;

    @AttributeDefinition(
            name = "Model loading",
            description = "demand: the model loads when a call comes (during its greeting; a gather that starts "
                    + "sooner has its audio held until the model is there) and is let go after model.idle.s without "
                    + "a call. start: it loads once the gateway has started and stays loaded (about 130 MB).",
            options = {@Option(label = "at start", value = "start"), @Option(label = "on demand", value = "demand")})
    String model_load() default "demand";

    @AttributeDefinition(
            name = "Model idle time",
            description = "With model.load=demand: seconds without a call or a recognition stream after which the "
                    + "model is let go (10-86400).")
    int model_idle_s() default 300;
}
