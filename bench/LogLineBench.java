import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;

/**
 * What writing one of a call's log lines costs, by message pattern (run on demand, not a test): the gateway's two
 * INFO lines per call ("answered", "ended") formatted with the container's pattern into an appender that discards
 * the bytes (a console appender, standard output sent nowhere), once with the three {@code %replace} regular expressions the log used to escape control characters and
 * once with {@code %safeMsg}. Prints CPU time and heap allocated per line, median of ROUNDS rounds, alternating.
 *
 * <pre>bench/log-lines.sh</pre>
 */
public final class LogLineBench {

    /** Discards what the console appender writes while the rounds run. */
    private static final class Sink extends OutputStream {
        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }

    private static final String REPLACE =
            "%replace(%replace(%replace(%msg){'\\r','\\\\r'}){'\\n','\\\\n'}){'[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]','?'}";

    public static void main(String[] args) throws Exception {
        int lines = Integer.getInteger("lines", 200_000);
        int rounds = Integer.getInteger("rounds", 7);
        PrintStream out = System.out;
        System.setOut(new PrintStream(new Sink()));
        Logger regex = logger(REPLACE);
        Logger safe = logger("%safeMsg");
        double[][] cpu = new double[2][rounds];
        double[][] heap = new double[2][rounds];
        Logger[] sides = {regex, safe};
        for (int r = -3; r < rounds; r++) { // three warm-up rounds first
            for (int side = 0; side < 2; side++) {
                double[] perLine = run(sides[side], lines);
                if (r >= 0) {
                    cpu[side][r] = perLine[0];
                    heap[side][r] = perLine[1];
                }
            }
        }
        System.setOut(out);
        System.out.printf("%nA call's log line through the container's pattern (%d lines a round, median of %d rounds)%n%n",
                lines, rounds);
        System.out.println("| message pattern | CPU per line | heap allocated per line |");
        System.out.println("|---|---:|---:|");
        System.out.printf("| three `%%replace` (before) | %.0f ns | %.0f B |%n", median(cpu[0]), median(heap[0]));
        System.out.printf("| `%%safeMsg` | %.0f ns | %.0f B |%n", median(cpu[1]), median(heap[1]));
    }

    private static Logger logger(String message) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        context.start();
        String xml = "<configuration>"
                + "<conversionRule conversionWord=\"safeMsg\""
                + " class=\"org.switchboard.logging.internal.SafeMessageConverter\"/>"
                + "<appender name=\"A\" class=\"ch.qos.logback.core.ConsoleAppender\">"
                + "<encoder><pattern>%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - "
                + message.replace("&", "&amp;").replace("<", "&lt;") + "%n</pattern></encoder></appender>"
                + "<root level=\"INFO\"><appender-ref ref=\"A\"/></root></configuration>";
        JoranConfigurator j = new JoranConfigurator();
        j.setContext(context);
        j.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        if (!context.getStatusManager().getCopyOfStatusList().stream().allMatch(st -> st.getLevel() == 0)) {
            throw new IllegalStateException("logback: " + context.getStatusManager().getCopyOfStatusList());
        }
        Logger logger = context.getLogger("org.switchboard.sip.internal.SipCall");
        java.io.ByteArrayOutputStream probe = new java.io.ByteArrayOutputStream();
        PrintStream was = System.out;
        System.setOut(new PrintStream(probe, true, StandardCharsets.UTF_8));
        logger.info("probe \u001b[2J\r\n{}", "end");
        System.setOut(was);
        if (!probe.toString(StandardCharsets.UTF_8).endsWith(" - probe ?[2J\\r\\nend" + System.lineSeparator())) {
            throw new IllegalStateException("the pattern " + message + " wrote: " + probe);
        }
        return logger;
    }

    /** Logs {@code lines} lines; the CPU time (ns) and heap (bytes) per line. */
    private static double[] run(Logger log, int lines) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long c0 = threads.getCurrentThreadCpuTime();
        long a0 = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < lines; i += 2) {
            String session = "17f3a9c2-" + (100000 + i);
            log.info(
                    "Session {}: answered {} from {} on trunk '{}' (flow '{}', {} {}:{})",
                    session, "+15550900", "sip:sipp@127.0.0.1:5061", "bench", "hangup", "PCMU", "127.0.0.1", 6000);
            log.info("Session {}: ended by {} ({})", session, "caller", "BYE");
        }
        return new double[] {
            (threads.getCurrentThreadCpuTime() - c0) / (double) lines,
            (threads.getThreadAllocatedBytes(id) - a0) / (double) lines
        };
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }
}
