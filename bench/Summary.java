import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The suite's one table: reads the markdown tables each benchmark printed into a results directory (bench/run.sh)
 * and prints one row per measure, Switchboard beside the baseline measured in the same run, and their ratio.
 *
 * <pre>java bench/Summary.java bench/results/&lt;run&gt;</pre>
 */
public class Summary {

    private final Path dir;
    private final List<String> rows = new ArrayList<>();

    Summary(Path dir) {
        this.dir = dir;
    }

    public static void main(String[] args) throws IOException {
        Summary s = new Summary(Path.of(args[0]));
        s.sipRate();
        s.answerLatency();
        s.media();
        s.asr();
        s.details();
        s.storeWrites();
        s.hotUpgrade();
        s.cluster();
        s.startup();
        s.soak();
        System.out.println("| measure | Switchboard | baseline (same run) | ratio |");
        System.out.println("|---|---:|---:|---:|");
        s.rows.forEach(System.out::println);
    }

    private void row(String measure, String value, String baseline, String ratio) {
        rows.add("| " + measure + " | " + value + " | " + baseline + " | " + ratio + " |");
    }

    private void sipRate() throws IOException {
        String md = read("sip-rate.md");
        if (md == null) {
            return;
        }
        Matcher m = Pattern.compile("Switchboard (\\d+) calls/s, sipp UAS (\\d+) calls/s").matcher(md);
        if (m.find()) {
            double g = Double.parseDouble(m.group(1)), u = Double.parseDouble(m.group(2));
            row("highest call rate with 0 failed calls (sipp UAC, stepped rates)", m.group(1) + " calls/s",
                    "sipp's UAS: " + m.group(2) + " calls/s", u == 0 ? "-" : ratio(g / u));
            Matcher k = Pattern.compile("Kamailio UAS (\\d+) calls/s").matcher(md);
            if (k.find()) {
                double kv = Double.parseDouble(k.group(1));
                row("highest call rate with 0 failed calls, against Kamailio", m.group(1) + " calls/s",
                        "Kamailio as a stateful UAS: " + k.group(1) + " calls/s", kv == 0 ? "-" : ratio(g / kv));
            }
            Matcher ri = Pattern.compile("JAIN-SIP RI alone (\\d+) calls/s").matcher(md);
            if (ri.find()) {
                double rv = Double.parseDouble(ri.group(1));
                row("highest call rate with 0 failed calls, against the JAIN-SIP RI alone", m.group(1) + " calls/s",
                        "the RI alone as a UAS (bench/RiUas.java): " + ri.group(1) + " calls/s",
                        rv == 0 ? "-" : ratio(g / rv));
            }
        }
        Matcher full = Pattern.compile(
                        "Every call recorded in full \\(warm-up included\\): (\\w+) \\(calls started (\\d+), ended (\\d+)")
                .matcher(md);
        if (full.find()) {
            row("every call of the call-rate run recorded in full (calls started = ended; no record dropped, refused"
                    + " or left queued)", full.group(1) + " (" + full.group(2) + " started, " + full.group(3)
                    + " ended)", "-", "-");
        }
        for (List<String> r : table(md)) {
            if (r.get(0).equals("100") || r.get(0).equals("400")) {
                String[] g = r.get(2).split(" / "), u = r.get(4).split(" / ");
                String kam = "";
                if (r.size() > 6 && !r.get(6).startsWith("-")) {
                    String[] k = r.get(6).split(" / ");
                    kam = "; Kamailio " + k[0] + " / " + k[2] + " ms";
                }
                if (r.size() > 10 && !r.get(8).startsWith("-")) {
                    String[] ri = r.get(8).split(" / ");
                    kam += "; the RI alone " + ri[0] + " / " + ri[2] + " ms";
                }
                row("INVITE→200 OK p50 / p99 at " + r.get(0) + " calls/s", g[0] + " / " + g[2] + " ms",
                        "sipp " + u[0] + " / " + u[2] + " ms" + kam, "-");
            }
            int cpu = r.size() > 10 ? 9 : 7;
            if (r.get(0).equals("400") && r.size() > cpu + 1 && !r.get(cpu).startsWith("-")) {
                String[] c = r.get(cpu).split(" / ");
                String base = "sipp's UAS " + c[1] + " ms" + (c[2].equals("-") ? "" : "; Kamailio " + c[2] + " ms")
                        + (c.length > 3 && !c[3].equals("-") ? "; the RI alone " + c[3] + " ms" : "");
                String vs = "-";
                try {
                    double k = Double.parseDouble(c[c[2].equals("-") ? 1 : 2]);
                    vs = k == 0 ? "-" : ratio(Double.parseDouble(c[0]) / k);
                } catch (NumberFormatException e) {
                    // a side without calls: no ratio
                }
                row("CPU per call at 400 calls/s (heap allocated per call)", c[0] + " ms (" + r.get(cpu + 1) + " KiB)",
                        base, vs);
                if (c.length > 3 && !c[3].equals("-")) {
                    try {
                        double ri = Double.parseDouble(c[3]);
                        row("CPU per call at 400 calls/s, against the JAIN-SIP RI alone", c[0] + " ms",
                                "the RI alone: " + c[3] + " ms", ri == 0 ? "-" : ratio(Double.parseDouble(c[0]) / ri));
                    } catch (NumberFormatException e) {
                        // the gateway completed no call: no ratio
                    }
                }
            }
        }
    }

    private void media() throws IOException {
        String md = read("media-calls.md");
        if (md == null) {
            return;
        }
        int sw = 0, uas = 0;
        for (List<String> r : table(md)) {
            if (r.size() < 5) {
                continue;
            }
            int calls = Integer.parseInt(r.get(0));
            String[] up = r.get(2).split(" / ");
            boolean clean = up.length == 2 && up[0].equals(r.get(0)) && up[1].equals("0")
                    && percent(r.get(3)) < 1 && percent(r.get(4)) < 1;
            if (clean && r.get(1).equals("switchboard")) {
                sw = Math.max(sw, calls);
            } else if (clean) {
                uas = Math.max(uas, calls);
            }
        }
        row("concurrent media calls with none dropped, < 1 % packets lost and < 1 % late (highest level tried)",
                sw + " calls", "sipp's UAS echoing RTP: " + uas + " calls", uas == 0 ? "-" : ratio((double) sw / uas));
    }

    private void asr() throws IOException {
        String md = read("asr.md");
        if (md == null) {
            return;
        }
        int best = 0;
        String rtf = "-", one = "-";
        for (List<String> r : table(md)) {
            if (r.get(0).equals("1")) {
                one = r.get(4);
            }
            if (Double.parseDouble(r.get(4)) < 1 && r.get(7).equals("0")) {
                int streams = Integer.parseInt(r.get(0));
                if (streams > best) {
                    best = streams;
                    rtf = r.get(4) + ", CPU " + r.get(6);
                }
            }
        }
        row("grammar ASR streams in real time, none giving up (highest level tried)", best + " streams (RTF " + rtf
                + ")", "1 stream: RTF " + one, "-");
    }

    private void details() throws IOException {
        String md = read("details-api.md");
        if (md == null) {
            return;
        }
        List<String> best = null;
        List<String> quick = null; // the highest rate whose p99 is under 10 ms (issue 26's goal)
        for (List<String> r : table(md)) {
            if (best == null || Double.parseDouble(r.get(1)) > Double.parseDouble(best.get(1))) {
                best = r;
            }
            if (Double.parseDouble(r.get(2).split(" / ")[1]) < 10
                    && (quick == null || Double.parseDouble(r.get(1)) > Double.parseDouble(quick.get(1)))) {
                quick = r;
            }
        }
        String base = md.contains("/health/live") ? "/health/live: " : "/health: ";
        if (quick != null && quick != best) {
            detailsRow("highest rate with p99 under 10 ms, " + quick.get(0) + " clients", quick, base);
        }
        if (best != null) {
            detailsRow(best.get(0) + " clients", best, base);
        }
    }

    private void detailsRow(String what, List<String> r, String base) {
        row("Conversation Details API (with summary), " + what + ": req/s, p99", r.get(1) + " req/s, p99 "
                + r.get(2).split(" / ")[1] + " ms (errors " + r.get(3) + ")",
                base + r.get(4) + " req/s, p99 " + r.get(5).split(" / ")[1] + " ms", r.get(6));
    }

    private void storeWrites() throws IOException {
        String md = read("store-writes.md");
        if (md == null) {
            return;
        }
        List<String> store = null, alone = null, ratio = null;
        String batch = "";
        for (String line : md.split("\n")) {
            if (!line.startsWith("|") || line.lastIndexOf('|') < 1) {
                continue;
            }
            List<String> cells = cells(line);
            if (cells.size() < 3) {
                continue;
            }
            if (cells.get(0).startsWith("H2 file database")) {
                Matcher m = Pattern.compile("(\\d+) calls a batch").matcher(cells.get(0));
                batch = m.find() ? ", " + m.group(1) + " calls a batch" : "";
            } else if (cells.get(0).contains("through the store")) {
                store = cells;
            } else if (cells.get(0).startsWith("baseline")) {
                alone = cells;
            } else if (cells.get(0).equals("ratio")) {
                ratio = cells;
            }
        }
        if (store != null && alone != null && ratio != null) {
            row("what the store costs a call (embedded H2" + batch + "): CPU, heap", store.get(1) + ", " + store.get(2),
                    "H2 alone, one row per call: " + alone.get(1) + ", " + alone.get(2), ratio.get(1) + " / " + ratio.get(2));
        }
    }

    private void hotUpgrade() throws IOException {
        String md = read("hot-upgrade.md");
        if (md == null) {
            return;
        }
        for (List<String> r : table(md)) {
            String[] up = r.get(3).split(" / "), base = r.get(1).split(" / ");
            row("failed calls while the ZCC adapter is upgraded 3 times at " + r.get(0) + " calls/s", up[1] + " of "
                    + (Integer.parseInt(up[0]) + Integer.parseInt(up[1])) + " (longest gap " + r.get(4) + " ms)",
                    "no upgrade: " + base[1] + " failed (gap " + r.get(2) + " ms)", "-");
        }
    }

    private void cluster() throws IOException {
        String md = read("cluster.md");
        if (md == null) {
            return;
        }
        Matcher m = Pattern.compile("Highest rate with 0 failed calls: 1 node (\\d+) calls/s, 2 nodes (\\d+) calls/s"
                + "(?: \\(ratio ([0-9.]+)\\))?").matcher(md);
        if (m.find()) {
            row("cluster behind Kamailio, 2 nodes: highest call rate with 0 failed calls", m.group(2) + " calls/s",
                    "1 node behind the same Kamailio: " + m.group(1) + " calls/s", m.group(3) == null ? "-" : m.group(3));
        }
        Matcher f = Pattern.compile("Failover at (\\d+) calls/s").matcher(md);
        if (f.find()) {
            for (List<String> r : table(md.substring(f.start()))) {
                String[] calls = r.get(1).split(" / ");
                row("failover at " + f.group(1) + " calls/s, one of two nodes killed (kill -9): failed calls;"
                                + " Kamailio took it out after",
                        calls[1] + " of " + (Integer.parseInt(calls[0]) + Integer.parseInt(calls[1])) + "; " + r.get(0)
                                + " ms",
                        "-", "-");
            }
        }
    }

    private void answerLatency() throws IOException {
        String md = read("answer-latency.md");
        if (md == null) {
            return;
        }
        Matcher h = Pattern.compile("at (\\d+) calls/s held (\\d+) s, figures of the last (\\d+) s").matcher(md);
        if (!h.find()) {
            return;
        }
        List<String> rounds = new ArrayList<>(), cpu = new ArrayList<>();
        String ri = null, riCpu = null, uas = null, lastCpu = null;
        for (String line : md.split("\n")) {
            if (!line.startsWith("| ") || line.startsWith("| side")) {
                continue;
            }
            List<String> r = cells(line);
            if (r.size() < 6) {
                continue;
            }
            String[] p = r.get(2).split(" / ");
            String tail = p.length == 3 ? p[1] + " / " + p[2] + " ms" : r.get(2);
            if (r.get(0).startsWith("Switchboard")) {
                rounds.add(tail + " (young pauses " + r.get(5) + ")");
                cpu.add(r.get(3) + " ms (" + r.get(4) + " KiB)");
                lastCpu = r.get(3);
            } else if (r.get(0).startsWith("JAIN-SIP RI")) {
                ri = tail;
                riCpu = r.get(3);
            } else if (r.get(0).startsWith("sipp")) {
                uas = tail;
            }
        }
        if (rounds.isEmpty()) {
            return;
        }
        String held = "held at " + h.group(1) + " calls/s (last " + h.group(3) + " s of " + h.group(2) + ", per round)";
        row("INVITE→200 OK p99 / p99.9 " + held + "; young pauses: count, mean / longest ms, every s",
                String.join("; ", rounds), "the RI alone " + ri + "; sipp's UAS " + uas, "-");
        String vs = "-";
        try {
            vs = ratio(Double.parseDouble(lastCpu) / Double.parseDouble(riCpu));
        } catch (RuntimeException e) {
            // a side without calls: no ratio
        }
        row("CPU per call " + held + " (heap allocated per call)", String.join("; ", cpu), "the RI alone: " + riCpu
                + " ms", vs);
    }

    private void startup() throws IOException {
        String md = read("startup.md");
        if (md == null) {
            return;
        }
        for (List<String> r : table(md)) {
            row("start to healthy (first start / median of the later starts (their range); speech loaded too)",
                    r.get(0) + " / " + r.get(1) + "; " + r.get(2), "JVM alone: " + r.get(3), "-");
            row("idle resident memory (heap used after GC)", r.get(4) + " (" + r.get(7) + ")", "-", "-");
            if (r.size() > 8) {
                row("idle resident memory, Vosk's model resident (`model.load=start`)", r.get(8), "-", "-");
            }
        }
    }

    private void soak() throws IOException {
        String md = read("soak.md");
        if (md == null) {
            return;
        }
        Matcher m = Pattern.compile("Soak, (\\S+) min at (\\d+) calls/s").matcher(md);
        Matcher c = Pattern.compile("Calls completed (\\S+), failed (\\S+)\\. Heap after a full GC: (\\S+) MiB after "
                + "warm-up, (\\S+) MiB at the end").matcher(md);
        if (m.find() && c.find()) {
            row("soak, " + m.group(1) + " min at " + m.group(2) + " calls/s: failed calls, heap after GC start → end",
                    c.group(2) + " of " + c.group(1) + "; " + c.group(3) + " → " + c.group(4) + " MiB", "-", "-");
        }
    }

    private String read(String name) throws IOException {
        Path p = dir.resolve(name);
        return Files.exists(p) ? Files.readString(p) : null;
    }

    /** The body rows of the markdown tables in {@code md} whose first cell is a number, as trimmed cells. */
    static List<List<String>> table(String md) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : md.split("\n")) {
            if (line.matches("\\|\\s*[0-9].*")) {
                rows.add(cells(line));
            }
        }
        return rows;
    }

    /** The trimmed cells of one markdown table row (between its first and last {@code |}). */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        for (String cell : line.substring(1, line.lastIndexOf('|')).split("\\|")) {
            cells.add(cell.trim());
        }
        return cells;
    }

    private static double percent(String cell) {
        Matcher m = Pattern.compile("([0-9.]+)\\s*%").matcher(cell);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.MAX_VALUE;
    }

    private static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2f", r);
    }
}
