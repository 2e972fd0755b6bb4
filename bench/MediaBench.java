import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Concurrent media calls (run by bench/media-calls.sh; a benchmark, not a test). Places N calls over SIP/UDP to a
 * target, each with its own RTP socket: sends 20 ms G.711 u-law frames (a quiet tone) to the answer's port on an
 * absolute 20 ms schedule and receives the target's stream on one NIO selector. After all calls are up and a
 * warm-up, it measures for a window: packets received, lost (sequence gaps), late (more than 40 ms behind the
 * stream's best-case arrival), RFC 3550 inter-arrival jitter, the share of frames with sound, the target process's
 * CPU and resident memory (from /proc), and its Java heap (via jcmd) when it is a JVM. Prints one line of
 * key=value pairs.
 *
 * <p>Arguments: target host:port, DID, calls, measure seconds, target pid, label.
 */
public class MediaBench {

    static final int FRAME = 160;
    static final long FRAME_NANOS = 20_000_000L;

    final InetSocketAddress target;
    final String did;
    final DatagramChannel sip;
    final String localIp = "127.0.0.1";
    final Map<String, Call> calls = new ConcurrentHashMap<>();
    final Selector selector;
    volatile boolean running = true;
    volatile boolean measuring;
    final byte[] tone = new byte[FRAME * 50];

    static class Call {
        final String callId;
        final String fromTag = Long.toHexString(ThreadLocalRandom.current().nextLong());
        final DatagramChannel rtp;
        volatile String toTag;
        volatile String contact;
        volatile InetSocketAddress media;
        volatile boolean answered;
        volatile boolean ended;
        volatile boolean byeReceived;
        volatile boolean byeAnswered;
        long ssrcHeard = -1;
        long foreign;
        int seq = ThreadLocalRandom.current().nextInt(0x10000);
        long ts = ThreadLocalRandom.current().nextInt();
        final int ssrc = ThreadLocalRandom.current().nextInt();
        // receiving (selector thread)
        long received;
        long lost;
        long late;
        long loud;
        int lastSeq = -1;
        long baseOffset = Long.MAX_VALUE;
        long prevTransit;
        double jitter;
        int anchorSeq = -1;
        long anchorNanos;
        long ext;

        Call(String callId, DatagramChannel rtp) {
            this.callId = callId;
            this.rtp = rtp;
        }

        void reset() {
            received = 0;
            lost = 0;
            late = 0;
            loud = 0;
            jitter = 0;
            baseOffset = Long.MAX_VALUE;
            anchorSeq = -1;
        }
    }

    MediaBench(InetSocketAddress target, String did) throws IOException {
        this.target = target;
        this.did = did;
        sip = DatagramChannel.open();
        sip.bind(new InetSocketAddress(localIp, 0));
        selector = Selector.open();
        for (int i = 0; i < tone.length; i++) { // 400 Hz at about -26 dBFS
            tone[i] = linearToUlaw((int) (1600 * Math.sin(2 * Math.PI * 400 * i / 8000.0)));
        }
    }

    int sipPort() {
        return sip.socket().getLocalPort();
    }

    // ---- SIP

    void send(String message) throws IOException {
        sip.send(ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), target);
    }

    String via() {
        return "Via: SIP/2.0/UDP " + localIp + ":" + sipPort() + ";branch=z9hG4bK" + Long.toHexString(
                ThreadLocalRandom.current().nextLong()) + ";rport\r\n";
    }

    void invite(Call c) throws IOException {
        int rtpPort = c.rtp.socket().getLocalPort();
        String sdp = "v=0\r\no=bench 1 1 IN IP4 " + localIp + "\r\ns=-\r\nc=IN IP4 " + localIp + "\r\nt=0 0\r\n"
                + "m=audio " + rtpPort + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=sendrecv\r\n";
        send("INVITE sip:" + did + "@" + target.getHostString() + ":" + target.getPort() + " SIP/2.0\r\n" + via()
                + "From: \"bench\" <sip:+14085551212@" + localIp + ":" + sipPort() + ">;tag=" + c.fromTag + "\r\n"
                + "To: <sip:" + did + "@" + target.getHostString() + ":" + target.getPort() + ">\r\n"
                + "Call-ID: " + c.callId + "\r\nCSeq: 1 INVITE\r\n"
                + "Contact: <sip:+14085551212@" + localIp + ":" + sipPort() + ">\r\nMax-Forwards: 70\r\n"
                + "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS\r\nContent-Type: application/sdp\r\n"
                + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp);
    }

    void inDialog(Call c, String method, int cseq) throws IOException {
        String uri = c.contact != null ? c.contact : "sip:" + did + "@" + target.getHostString() + ":" + target.getPort();
        send(method + " " + uri + " SIP/2.0\r\n" + via()
                + "From: \"bench\" <sip:+14085551212@" + localIp + ":" + sipPort() + ">;tag=" + c.fromTag + "\r\n"
                + "To: <sip:" + did + "@" + target.getHostString() + ":" + target.getPort() + ">;tag=" + c.toTag + "\r\n"
                + "Call-ID: " + c.callId + "\r\nCSeq: " + cseq + " " + method + "\r\nMax-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n");
    }

    static final Pattern CALL_ID = Pattern.compile("(?im)^(?:Call-ID|i):\\s*(\\S+)");
    static final Pattern TO_TAG = Pattern.compile("(?im)^(?:To|t):.*;tag=([^;\\s>]+)");
    static final Pattern CONTACT = Pattern.compile("(?im)^(?:Contact|m):[^<\\n]*<([^>]+)>");
    static final Pattern CSEQ = Pattern.compile("(?im)^CSeq:\\s*(\\d+)\\s+(\\w+)");
    static final Pattern MEDIA_PORT = Pattern.compile("(?m)^m=audio (\\d+)");
    static final Pattern MEDIA_IP = Pattern.compile("(?m)^c=IN IP4 (\\S+)");

    void sipLoop() {
        ByteBuffer b = ByteBuffer.allocate(65536);
        while (running) {
            try {
                b.clear();
                InetSocketAddress from = (InetSocketAddress) sip.receive(b);
                if (from == null) {
                    continue;
                }
                String m = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
                Matcher id = CALL_ID.matcher(m);
                if (!id.find()) {
                    continue;
                }
                Call c = calls.get(id.group(1));
                if (c == null) {
                    continue;
                }
                if (m.startsWith("SIP/2.0 ")) {
                    response(c, m);
                } else {
                    request(c, m, from);
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    System.err.println("sip: " + e);
                }
            }
        }
    }

    void response(Call c, String m) throws IOException {
        int status = Integer.parseInt(m.substring(8, 11));
        Matcher cseq = CSEQ.matcher(m);
        if (!cseq.find() || status < 200) {
            return;
        }
        if (cseq.group(2).equals("BYE")) {
            c.byeAnswered = true;
            return;
        }
        if (!cseq.group(2).equals("INVITE")) {
            return;
        }
        if (status >= 300) {
            System.err.println("call " + c.callId + " refused: " + m.lines().findFirst().orElse(""));
            c.ended = true;
            return;
        }
        Matcher tag = TO_TAG.matcher(m);
        Matcher contact = CONTACT.matcher(m);
        Matcher port = MEDIA_PORT.matcher(m);
        Matcher ip = MEDIA_IP.matcher(m);
        if (tag.find()) {
            c.toTag = tag.group(1);
        }
        if (contact.find()) {
            c.contact = contact.group(1);
        }
        if (port.find()) {
            c.media = new InetSocketAddress(ip.find() ? ip.group(1) : target.getHostString(),
                    Integer.parseInt(port.group(1)));
        }
        inDialog(c, "ACK", 1);
        c.answered = true;
    }

    void request(Call c, String m, InetSocketAddress from) throws IOException {
        String method = m.substring(0, m.indexOf(' '));
        if (method.equals("ACK")) {
            return;
        }
        if (method.equals("BYE")) {
            c.byeReceived = true;
            c.ended = true;
        }
        StringBuilder r = new StringBuilder("SIP/2.0 200 OK\r\n");
        m.lines().filter(l -> l.matches("(?i)^(Via|v|From|f|To|t|Call-ID|i|CSeq):.*")).forEach(l -> r.append(l)
                .append("\r\n"));
        r.append("Content-Length: 0\r\n\r\n");
        sip.send(ByteBuffer.wrap(r.toString().getBytes(StandardCharsets.UTF_8)), from);
    }

    // ---- RTP

    void pacer() {
        ByteBuffer b = ByteBuffer.allocate(12 + FRAME);
        long next = System.nanoTime();
        while (running) {
            next += FRAME_NANOS;
            for (Call c : calls.values()) {
                if (!c.answered || c.ended || c.media == null) {
                    continue;
                }
                b.clear();
                b.put((byte) 0x80).put((byte) 0).putShort((short) c.seq).putInt((int) c.ts).putInt(c.ssrc);
                putFrame(c, b);
                b.flip();
                c.seq = (c.seq + 1) & 0xFFFF;
                c.ts += FRAME;
                try {
                    c.rtp.send(b, c.media);
                } catch (IOException e) {
                    // counted as lost by the peer
                }
            }
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (-wait > 5 * FRAME_NANOS) {
                next = System.nanoTime();
            }
        }
    }

    /** Puts the call's next 20 ms of G.711 u-law audio: the quiet tone. */
    void putFrame(Call c, ByteBuffer b) {
        b.put(tone, (int) ((c.ts & 0x7FFFFFFFL) % 50) * FRAME, FRAME);
    }

    void receiver() {
        ByteBuffer b = ByteBuffer.allocateDirect(2048);
        byte[] payload = new byte[2048];
        while (running) {
            try {
                selector.select(200);
                long now = System.nanoTime();
                for (SelectionKey k : selector.selectedKeys()) {
                    Call c = (Call) k.attachment();
                    for (int i = 0; i < 16; i++) {
                        b.clear();
                        if (c.rtp.receive(b) == null) {
                            break;
                        }
                        b.flip();
                        if (b.remaining() < 12 || (b.get(0) & 0xC0) != 0x80) {
                            continue;
                        }
                        int pt = b.get(1) & 0x7F;
                        int seq = b.getShort(2) & 0xFFFF;
                        long ssrc = b.getInt(8) & 0xFFFFFFFFL;
                        int n = b.remaining() - 12;
                        b.position(12);
                        b.get(payload, 0, n);
                        if (c.ssrcHeard < 0) {
                            c.ssrcHeard = ssrc;
                        } else if (c.ssrcHeard != ssrc) {
                            c.foreign++; // another stream on this port (an earlier call's, not yet ended)
                            continue;
                        }
                        if (pt == 0) {
                            onRtp(c, seq, now, payload, n);
                        }
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException e) {
                if (running) {
                    System.err.println("rtp: " + e);
                }
            }
        }
    }

    /** A G.711 packet of the call's stream arrived at {@code now}; counted while measuring. */
    void onRtp(Call c, int seq, long now, byte[] payload, int n) {
        if (measuring) {
            rtp(c, seq, now, payload, n);
        }
    }

    static void rtp(Call c, int seq, long now, byte[] payload, int n) {
        if (c.anchorSeq < 0) {
            c.anchorSeq = seq;
            c.anchorNanos = now;
            c.ext = 0;
            c.lastSeq = seq;
        } else {
            int d = (seq - c.lastSeq) & 0xFFFF;
            if (d == 0 || d > 0x8000) {
                return; // duplicate or old
            }
            c.lost += d - 1;
            c.ext += d;
            c.lastSeq = seq;
        }
        c.received++;
        long offset = now - (c.anchorNanos + c.ext * FRAME_NANOS); // arrival vs the stream's schedule
        if (offset < c.baseOffset) {
            c.baseOffset = offset;
        }
        if (offset - c.baseOffset > 2 * FRAME_NANOS) {
            c.late++;
        }
        if (c.received > 1) {
            c.jitter += (Math.abs(offset - c.prevTransit) - c.jitter) / 16.0;
        }
        c.prevTransit = offset;
        long energy = 0;
        for (int i = 0; i < n; i++) {
            int v = ulawToLinear(payload[i]);
            energy += (long) v * v;
        }
        if (n > 0 && energy / n > 100 * 100) { // above about -50 dBFS
            c.loud++;
        }
    }

    /** The level of u-law audio in dBFS (-96 for digital silence). */
    static double levelDb(byte[] ulaw, int n) {
        long energy = 0;
        for (int i = 0; i < n; i++) {
            int v = ulawToLinear(ulaw[i]);
            energy += (long) v * v;
        }
        double rms = n == 0 ? 0 : Math.sqrt((double) energy / n);
        return rms < 1 ? -96 : 20 * Math.log10(rms / 32768.0);
    }

    /** The p-th percentile of sorted nanoseconds, in milliseconds; -1 when there are none. */
    static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1_000_000;
    }

    /** Starts the SIP, pacer and receiver threads. */
    void startThreads() {
        Thread sipThread = new Thread(this::sipLoop, "sip");
        Thread pacer = new Thread(this::pacer, "pacer");
        Thread receiver = new Thread(this::receiver, "receiver");
        pacer.setPriority(Thread.MAX_PRIORITY);
        sipThread.start();
        pacer.start();
        receiver.start();
    }

    /** Places {@code n} calls made by {@code make} (a Call-ID and its RTP channel), {@code gapMs} apart. */
    <C extends Call> List<C> place(int n, String prefix, java.util.function.BiFunction<String, DatagramChannel, C> make,
            long gapMs) throws IOException, InterruptedException {
        List<C> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            DatagramChannel rtp = DatagramChannel.open();
            rtp.bind(new InetSocketAddress(localIp, 0));
            rtp.configureBlocking(false);
            C c = make.apply(prefix + i + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()), rtp);
            selector.wakeup();
            rtp.register(selector, SelectionKey.OP_READ, c);
            calls.put(c.callId, c);
            all.add(c);
            invite(c);
            Thread.sleep(gapMs);
        }
        return all;
    }

    /** Hangs up every call still up. */
    void hangUp(List<? extends Call> all) throws IOException, InterruptedException {
        for (Call c : all) {
            if (c.answered && !c.ended) {
                c.ended = true;
                inDialog(c, "BYE", 2);
                Thread.sleep(2);
            }
        }
    }

    static byte linearToUlaw(int sample) {
        int sign = sample < 0 ? 0x80 : 0;
        int v = Math.min(Math.abs(sample), 32635) + 0x84;
        int exponent = 7;
        for (int mask = 0x4000; (v & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (v >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    static int ulawToLinear(byte b) {
        int u = ~b & 0xFF;
        int t = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4);
        return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }

    // ---- the target process

    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static long rssKb(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** The JVM's used heap in KiB after a full GC, or -1 when the process is not a JVM we can reach. */
    static long heapKb(long pid) {
        try {
            run("jcmd", Long.toString(pid), "GC.run");
            String info = run("jcmd", Long.toString(pid), "GC.heap_info");
            Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    public static void main(String[] args) throws Exception {
        String[] hp = args[0].split(":");
        MediaBench b = new MediaBench(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])), args[1]);
        int n = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        long pid = Long.parseLong(args[4]);
        String label = args[5];
        boolean jvm = label.equals("switchboard");
        long heap0 = jvm ? heapKb(pid) : -1;
        long rss0 = rssKb(pid);
        Thread sipThread = new Thread(b::sipLoop, "sip");
        Thread pacer = new Thread(b::pacer, "pacer");
        Thread receiver = new Thread(b::receiver, "receiver");
        pacer.setPriority(Thread.MAX_PRIORITY);
        sipThread.start();
        pacer.start();
        receiver.start();

        List<Call> all = new ArrayList<>();
        for (int i = 0; i < n; i++) { // 100 calls per second
            DatagramChannel rtp = DatagramChannel.open();
            rtp.bind(new InetSocketAddress(b.localIp, 0));
            rtp.configureBlocking(false);
            Call c = new Call("mb-" + i + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()), rtp);
            b.selector.wakeup();
            rtp.register(b.selector, SelectionKey.OP_READ, c);
            b.calls.put(c.callId, c);
            all.add(c);
            b.invite(c);
            Thread.sleep(10);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (all.stream().anyMatch(c -> !c.answered && !c.ended) && System.nanoTime() < deadline) {
            for (Call c : all) {
                if (!c.answered && !c.ended && System.nanoTime() > deadline - TimeUnit.SECONDS.toNanos(25)) {
                    b.invite(c); // retransmit
                }
            }
            Thread.sleep(500);
        }
        long up = all.stream().filter(c -> c.answered && !c.ended).count();
        Thread.sleep(3000); // warm-up with every stream flowing
        all.forEach(Call::reset);
        long cpu0 = cpuTicks(pid);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long selfCpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        b.measuring = true;
        Thread.sleep(seconds * 1000L);
        b.measuring = false;
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (cpuTicks(pid) - cpu0) / 100.0 / wall / Runtime.getRuntime().availableProcessors();
        double selfCpu = (os.getProcessCpuTime() - selfCpu0) / 1e9 / wall / Runtime.getRuntime().availableProcessors();
        long rss = rssKb(pid);
        long heap = jvm ? heapKb(pid) : -1;
        long dropped = all.stream().filter(c -> c.byeReceived).count();

        List<Call> hangUp = all.stream().filter(c -> c.answered && !c.ended).toList();
        hangUp.forEach(c -> c.ended = true);
        long byeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (hangUp.stream().anyMatch(c -> !c.byeAnswered) && System.nanoTime() < byeDeadline) {
            for (Call c : hangUp) {
                if (!c.byeAnswered) {
                    b.inDialog(c, "BYE", 2); // again until answered: a far end still streaming spoils the next level
                    Thread.sleep(2);
                }
            }
            Thread.sleep(500);
        }
        long unanswered = hangUp.stream().filter(c -> !c.byeAnswered).count();
        b.running = false;

        long received = all.stream().mapToLong(c -> c.received).sum();
        long lost = all.stream().mapToLong(c -> c.lost).sum();
        long late = all.stream().mapToLong(c -> c.late).sum();
        long loud = all.stream().mapToLong(c -> c.loud).sum();
        double jitter = all.stream().mapToDouble(c -> c.jitter).average().orElse(0) / 1e6;
        double maxJitter = all.stream().mapToDouble(c -> c.jitter).max().orElse(0) / 1e6;
        long expected = received + lost;
        long callsWithLoss = all.stream().filter(c -> c.lost > 0).count();
        long foreign = all.stream().mapToLong(c -> c.foreign).sum();
        System.out.printf(java.util.Locale.ROOT, "label=%s calls=%d up=%d dropped=%d received=%d expected_per_call=%.0f "
                + "lost_pct=%.3f late_pct=%.3f jitter_ms=%.2f max_jitter_ms=%.2f loud_pct=%.1f cpu_pct=%.1f "
                + "self_cpu_pct=%.1f rss_per_call_kb=%.0f heap_per_call_kb=%s calls_with_loss=%d foreign=%d bye_unanswered=%d%n", label, n, up, dropped, received,
                seconds * 50.0, 100.0 * lost / Math.max(1, expected), 100.0 * late / Math.max(1, received), jitter,
                maxJitter, 100.0 * loud / Math.max(1, received), cpu * 100, selfCpu * 100,
                (rss - rss0) / (double) Math.max(1, up),
                jvm && heap >= 0 && heap0 >= 0 ? String.format(java.util.Locale.ROOT, "%.1f", (heap - heap0) / (double) Math.max(1, up)) : "-",
                callsWithLoss, foreign, unanswered);
        System.exit(0);
    }
}
