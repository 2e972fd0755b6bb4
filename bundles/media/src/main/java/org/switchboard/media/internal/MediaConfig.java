package org.switchboard.media.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the media engine, PID {@value MediaEngineImpl#PID}. */
@ObjectClassDefinition(name = "Switchboard media", description = "RTP sessions, prompts, DTMF and speech input.")
public @interface MediaConfig {

    @AttributeDefinition(
            name = "Media timeout",
            description =
                    "Seconds without RTP from the peer after which the call " + "ends (reason recorded); 0: never.")
    int media_timeout_s() default 60;

    @AttributeDefinition(
            name = "Media threads",
            description = "Receiver/pacer thread pairs the calls are spread " + "over (1-16); 0: one per processor.")
    int media_threads() default 0;

    @AttributeDefinition(
            name = "Reorder depth",
            description = "Packets held while a missing one may still arrive (1-64).")
    int reorder_depth() default 3;

    @AttributeDefinition(
            name = "Speech threshold",
            description =
                    "Lowest level (dBFS) that counts as the caller " + "speaking, for barge-in and speech gathers.")
    double vad_threshold_db() default -40;

    @AttributeDefinition(
            name = "Longest utterance",
            description = "Seconds of speech after which a speech gather " + "gives up on a result (no match).")
    int max_speech_s() default 20;

    @AttributeDefinition(
            name = "Commit silence",
            description = "Milliseconds of silence after a complete phrase of a speech gather's grammar that end the "
                    + "caller's turn at once (0: wait for the recognizer). A gather or assistant may set its own.")
    int commit_silence_ms() default 200;

    @AttributeDefinition(
            name = "End silence",
            description = "Milliseconds of silence after other words (free-form speech, a phrase not yet complete) "
                    + "that end the caller's turn (0: wait for the recognizer).")
    int end_silence_ms() default 800;

    @AttributeDefinition(
            name = "Barge-in resume window",
            description = "Milliseconds a bargeable prompt stays paused when the caller makes a sound: it stops for "
                    + "good when words are recognized (or the sound lasts the window) and resumes where it paused "
                    + "otherwise (a cough, 'uh-huh', line noise). 0: stop at the first sound.")
    int barge_in_resume_ms() default 600;

    @AttributeDefinition(
            name = "Echo margin",
            description = "While a prompt plays, the caller's audio counts as speech (to interrupt it or to take a "
                    + "turn) only when it is louder than the prompt's loudest 20 ms of the last 400 ms less these "
                    + "decibels: the bot's own echo, which a line returns at least this much weaker, interrupts "
                    + "nothing. 0: off.")
    double echo_margin_db() default 10;

    @AttributeDefinition(name = "Prompt cache", description = "Synthesized prompts and loaded files kept in memory.")
    int prompt_cache() default 500;

    @AttributeDefinition(
            name = "Record calls",
            description = "Record every call's audio (caller left, Switchboard " + "right) to a stereo WAV file.")
    boolean recording_enabled() default false;

    @AttributeDefinition(
            name = "Recordings directory",
            description = "Where recordings go, in one directory per "
                    + "UTC day. Empty: 'recordings' in the data directory.")
    String recording_dir() default "";

    @AttributeDefinition(name = "Keep recordings (days)", description = "Days a recording is kept; 0: forever.")
    int recording_keep_days() default 0;
}
