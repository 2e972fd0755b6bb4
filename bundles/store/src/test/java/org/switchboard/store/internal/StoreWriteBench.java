package org.switchboard.store.internal;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.EndedBy;
import org.switchboard.api.conversation.SipMessageRecord;

/**
 * What the store costs a call, on the default embedded H2 file database (run by {@code bench/store-writes.sh}, not a
 * test): the records of the benchmark's hang-up call (its start, six SIP messages, two events, a task, its answer and
 * end) written as the recorder writes them, a few calls to a batch, each batch committed and checkpointed. Prints CPU
 * (the whole process: H2's own threads included) and heap allocated per call, against a baseline in the same run:
 * H2 alone, the same calls' text inserted as one row per call into a table with a primary key only.
 */
public final class StoreWriteBench {

    private static final int CALLS = 20_000;
    private static final int ROUNDS = 8;
    private static final int WARM_ROUNDS = 3;

    private StoreWriteBench() {}

    public static void main(String[] args) throws Exception {
        org.h2.Driver.load();
        int perBatch = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        Path dir = Files.createTempDirectory("switchboard-store-bench");
        try {
            run(dir, perBatch);
        } finally {
            try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Measures both in databases under {@code dir} (some GB: each batch is a chunk of the file) and prints them. */
    private static void run(Path dir, int perBatch) throws Exception {
        Database db = open(dir.resolve("store"));
        Sessions store = new Sessions(db);
        Map<String, List<String>> headers = headers();
        String callText = String.join(",", java.util.Collections.nCopies(6, JsonText.of(headers)));
        long[] next = {0};
        double[][] records = measure(
                () -> {
                    long base = next[0];
                    store.batch(b -> {
                        for (int k = 0; k < perBatch; k++) {
                            call(
                                    b,
                                    String.format("%024x", base + k),
                                    Instant.ofEpochMilli(1_700_000_000_000L + base + k),
                                    headers);
                        }
                    });
                    next[0] += perBatch;
                },
                perBatch);
        store.close();
        db.close();
        double[][] floor;
        try (java.sql.Connection alone = java.sql.DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("alone/db")
                + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64;WRITE_DELAY=50")) {
            try (java.sql.Statement st = alone.createStatement()) {
                st.execute("CREATE TABLE bench_floor (id BIGINT PRIMARY KEY, call VARCHAR(1000000))");
            }
            alone.setAutoCommit(false);
            PreparedStatement insert = alone.prepareStatement("INSERT INTO bench_floor (id, call) VALUES (?, ?)");
            java.sql.Statement checkpoint = alone.createStatement();
            floor = measure(
                    () -> {
                        try {
                            for (int k = 0; k < perBatch; k++) {
                                insert.setLong(1, next[0]++);
                                insert.setString(2, callText);
                                insert.executeUpdate();
                            }
                            alone.commit();
                            checkpoint.execute("CHECKPOINT");
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    perBatch);
        }
        System.out.printf(
                "| H2 file database, %d calls a batch, %d calls a round, median of %d rounds | "
                        + "CPU per call | heap per call |%n|---|---:|---:|%n",
                perBatch, CALLS, ROUNDS - WARM_ROUNDS);
        System.out.printf(
                "| a call's records through the store | %.3f ms | %.1f KiB |%n",
                median(records[0]), median(records[1]));
        System.out.printf(
                "| baseline: H2 alone, one row per call | %.3f ms | %.1f KiB |%n", median(floor[0]), median(floor[1]));
        System.out.printf(
                "| ratio | %.2f | %.2f |%n",
                median(records[0]) / median(floor[0]), median(records[1]) / median(floor[1]));
    }

    /** A store on its own H2 file database, as the gateway opens it (each batch written through to the file). */
    private static Database open(Path dir) {
        return new Database(
                StoreContract.config(
                        "jdbc:h2:file:" + dir.resolve("db/switchboard") + ";DB_CLOSE_ON_EXIT=FALSE",
                        dir.resolve("secrets.key").toString()),
                null,
                new org.h2.util.OsgiDataSourceFactory(new org.h2.Driver()),
                Map.of("driver.target", "(osgi.jdbc.driver.class=org.h2.Driver)"));
    }

    private static void call(
            org.switchboard.api.conversation.ConversationStore b, String id, Instant at, Map<String, List<String>> h) {
        b.start(new Conversation(
                id,
                "call-" + id,
                "st-1",
                "bench",
                "+15550900",
                "+14085551212",
                at,
                null,
                null,
                null,
                null,
                null,
                null));
        b.addSipMessage(new SipMessageRecord(id, at, Direction.INCOMING, "INVITE sip:+15550900@127.0.0.1 SIP/2.0", h));
        b.addSipMessage(new SipMessageRecord(id, at, Direction.OUTGOING, "SIP/2.0 100 Trying", h));
        b.addEvent(new ConversationEvent(id, at, "flow.started", Map.of("flow", "hangup-now")));
        b.addTask(id, "bye");
        b.addSipMessage(new SipMessageRecord(id, at, Direction.OUTGOING, "SIP/2.0 200 OK", h));
        b.answered(id, at);
        b.addSipMessage(new SipMessageRecord(id, at, Direction.INCOMING, "ACK sip:+15550900@127.0.0.1 SIP/2.0", h));
        b.addSipMessage(new SipMessageRecord(id, at, Direction.OUTGOING, "BYE sip:+14085551212@127.0.0.1 SIP/2.0", h));
        b.addEvent(new ConversationEvent(id, at, "call.ended", Map.of("by", "bot")));
        b.addSipMessage(new SipMessageRecord(id, at, Direction.INCOMING, "SIP/2.0 200 OK", h));
        b.end(id, at, EndedBy.BOT, "hangup");
    }

    /** CPU ms and heap KiB per call of each measured round. */
    private static double[][] measure(Runnable batch, int perBatch) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<double[]> rounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            long cpu = os.getProcessCpuTime();
            long heap = allocated(threads);
            for (int i = 0; i < CALLS; i += perBatch) {
                batch.run();
            }
            if (round >= WARM_ROUNDS) {
                rounds.add(new double[] {
                    (os.getProcessCpuTime() - cpu) / 1e6 / CALLS, (allocated(threads) - heap) / 1024.0 / CALLS
                });
            }
        }
        return new double[][] {
            rounds.stream().mapToDouble(r -> r[0]).toArray(),
            rounds.stream().mapToDouble(r -> r[1]).toArray()
        };
    }

    private static long allocated(com.sun.management.ThreadMXBean threads) {
        return Arrays.stream(threads.getThreadAllocatedBytes(threads.getAllThreadIds()))
                .filter(b -> b > 0)
                .sum();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    /** The benchmark INVITE's headers, as the recorder captures them. */
    private static Map<String, List<String>> headers() {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("Via", List.of("SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1234-1-0;rport=5061"));
        h.put("From", List.of("\"ZCC\" <sip:+14085551212@127.0.0.1:5061>;tag=1234SIPpTag001"));
        h.put("To", List.of("<sip:+15550900@127.0.0.1:5060>;tag=6f1e2d3c"));
        h.put("Call-ID", List.of("1-1234@127.0.0.1"));
        h.put("CSeq", List.of("1 INVITE"));
        h.put("Contact", List.of("<sip:+14085551212@127.0.0.1:5061;transport=UDP>"));
        h.put("Max-Forwards", List.of("70"));
        h.put("Allow", List.of("INVITE, ACK, CANCEL, BYE, OPTIONS, REFER, NOTIFY, UPDATE"));
        h.put("Content-Type", List.of("application/sdp"));
        h.put("Content-Length", List.of("200"));
        return h;
    }
}
