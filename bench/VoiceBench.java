import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Intelligibility and cost of each synthesizer's voices (run by bench/voices.sh; a benchmark, not a test): every
 * prompt of the demo assistant is synthesized by the engine (its own cache off), timed, and heard by Vosk in
 * free-form mode; the word error rate is the edit distance between what Vosk heard and the prompt's words (digits
 * spelled out), over all prompts. The engines are built from the bundles' classes outside the container. Prints one
 * line of key=value pairs per voice.
 *
 * <p>Arguments: the Vosk model directory, then engine:voice pairs (freetts:kevin, freetts:kevin16, festival:slt).
 */
public final class VoiceBench {

    static final List<String> PROMPTS = List.of(
            "Thank you for calling Acme support.",
            "You can say billing, order status, or agent. Or press 1 for billing, 2 for order status, or 0 for an agent.",
            "Say billing, order status, or agent. Or press 1, 2, or 0.",
            "Sorry, I did not hear anything.",
            "Sorry, I did not get that.",
            "Let me get you someone who can help.",
            "Please say or key in your order number.",
            "Please say your order number one digit at a time, or key it in followed by pound.",
            "The status of order 4 7 1 2: shipped yesterday and will arrive tomorrow.",
            "Can I help you with anything else? Say yes or no.",
            "Let me connect you with our billing team.",
            "Connecting you to an agent.",
            "Thank you for calling Acme. Goodbye.");
    static final String[] DIGITS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};

    /** An OSGi configuration annotation whose methods answer from {@code values}, else their defaults. */
    @SuppressWarnings("unchecked")
    static <A extends Annotation> A config(Class<A> type, Map<String, Object> values) {
        return (A) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            if (m.getName().equals("annotationType")) {
                return type;
            }
            Object v = values.get(m.getName());
            return v != null ? v : m.getDefaultValue();
        });
    }

    static Object construct(String className, Object... args) throws Exception {
        Class<?> c = Class.forName(className);
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (k.getParameterCount() == args.length
                    && (args.length == 0 || k.getParameterTypes()[args.length - 1].isInstance(args[args.length - 1]))) {
                k.setAccessible(true);
                return k.newInstance(args);
            }
        }
        throw new IllegalStateException("no constructor of " + className + " for " + args.length + " arguments");
    }

    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9' ]", " ").trim().split("\\s+")) {
            if (w.isEmpty()) {
                continue;
            }
            if (w.matches("\\d+")) {
                for (char d : w.toCharArray()) {
                    out.add(DIGITS[d - '0']);
                }
            } else {
                out.add(w);
            }
        }
        return out;
    }

    static int distance(List<String> a, List<String> b) {
        int[][] d = new int[a.size() + 1][b.size() + 1];
        for (int i = 0; i <= a.size(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.size(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                int sub = d[i - 1][j - 1] + (a.get(i - 1).equals(b.get(j - 1)) ? 0 : 1);
                d[i][j] = Math.min(sub, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
            }
        }
        return d[a.size()][b.size()];
    }

    /** What the recognizer heard in {@code samples} (8 kHz), fed as RTP would be, then finished. */
    static String hear(Object vosk, short[] samples) throws Exception {
        Class<?> listenerType = Class.forName("org.switchboard.api.speech.RecognitionListener");
        CompletableFuture<String> text = new CompletableFuture<>();
        StringBuilder heard = new StringBuilder();
        Object listener = Proxy.newProxyInstance(
                listenerType.getClassLoader(), new Class<?>[] {listenerType}, (proxy, m, args) -> {
                    if (m.getName().equals("onResult")) {
                        Object r = args[0];
                        boolean fin = (boolean) r.getClass().getMethod("isFinal").invoke(r);
                        if (fin) {
                            String t = (String) r.getClass().getMethod("text").invoke(r);
                            synchronized (heard) {
                                heard.append(' ').append(t);
                            }
                        }
                    } else if (m.getName().equals("onError")) {
                        text.completeExceptionally((Throwable) args[0]);
                    }
                    return null;
                });
        Method open = vosk.getClass().getMethod("open", List.class, listenerType);
        Object session = open.invoke(vosk, List.of(), listener);
        Method feed = session.getClass().getMethod("feed", short[].class, int.class, int.class);
        feed.setAccessible(true);
        short[] padded = new short[samples.length + 4000];
        System.arraycopy(samples, 0, padded, 2000, samples.length);
        for (int i = 0; i + 160 <= padded.length; i += 160) {
            feed.invoke(session, padded, i, 160);
        }
        Method finish = session.getClass().getMethod("finish");
        finish.setAccessible(true);
        finish.invoke(session);
        Thread.sleep(50);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String before = null;
        while (System.nanoTime() < deadline) { // until the finish's result stops the text from changing
            Thread.sleep(200);
            String now;
            synchronized (heard) {
                now = heard.toString();
            }
            if (now.equals(before) && !now.isBlank()) {
                break;
            }
            before = now;
        }
        Method close = session.getClass().getMethod("close");
        close.setAccessible(true);
        close.invoke(session);
        synchronized (heard) {
            return heard.toString().trim();
        }
    }

    public static void main(String[] args) throws Exception {
        Class<?> voskConfig = Class.forName("org.switchboard.speech.vosk.internal.VoskConfig");
        @SuppressWarnings("unchecked")
        Object vosk = construct(
                "org.switchboard.speech.vosk.internal.VoskRecognizer",
                config((Class<Annotation>) voskConfig, Map.of("threads", 2, "max_sessions", 4, "max_backlog_ms", 120_000)),
                Path.of(args[0]));
        Path tmp = Files.createTempDirectory("voices");
        for (int a = 1; a < args.length; a++) {
            String engine = args[a].split(":")[0];
            String voice = args[a].split(":")[1];
            Object synth;
            if (engine.equals("freetts")) {
                @SuppressWarnings("unchecked")
                Class<Annotation> c =
                        (Class<Annotation>) Class.forName("org.switchboard.speech.freetts.internal.FreeTtsConfig");
                synth = construct(
                        "org.switchboard.speech.freetts.internal.FreeTtsSynthesizer",
                        config(c, Map.of("cache_size", 0, "default_voice", voice)));
            } else {
                @SuppressWarnings("unchecked")
                Class<Annotation> c =
                        (Class<Annotation>) Class.forName("org.switchboard.speech.festival.internal.FestivalConfig");
                synth = construct(
                        "org.switchboard.speech.festival.internal.FestivalSynthesizer",
                        config(c, Map.of("pool_size", 1)),
                        tmp);
            }
            Method synthesize = synth.getClass().getMethod("synthesize", String.class, String.class);
            synthesize.invoke(synth, "Warming up.", voice);
            int errors = 0;
            int reference = 0;
            long nanos = 0;
            long audioMs = 0;
            StringBuilder worst = new StringBuilder();
            int worstErrors = -1;
            for (String prompt : PROMPTS) {
                long t0 = System.nanoTime();
                Object audio = synthesize.invoke(synth, prompt, voice);
                nanos += System.nanoTime() - t0;
                short[] samples = (short[]) audio.getClass().getMethod("samples").invoke(audio);
                audioMs += samples.length / 8;
                String heard = hear(vosk, samples);
                List<String> want = words(prompt);
                int e = distance(want, words(heard));
                errors += e;
                reference += want.size();
                if (e > worstErrors) {
                    worstErrors = e;
                    worst.setLength(0);
                    worst.append(heard.replace(' ', '_'));
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "engine=%s voice=%s prompts=%d words=%d errors=%d wer_pct=%.1f ms_per_prompt=%.0f "
                            + "rtf=%.3f worst_heard=%s%n",
                    engine,
                    voice,
                    PROMPTS.size(),
                    reference,
                    errors,
                    100.0 * errors / reference,
                    nanos / 1e6 / PROMPTS.size(),
                    nanos / 1e6 / Math.max(1, audioMs),
                    worst);
            Method stop = null;
            for (Method m : synth.getClass().getDeclaredMethods()) {
                if (m.getName().equals("deactivate")) {
                    stop = m;
                }
            }
            if (stop != null) {
                stop.setAccessible(true);
                stop.invoke(synth);
            }
        }
        System.exit(0);
    }
}
