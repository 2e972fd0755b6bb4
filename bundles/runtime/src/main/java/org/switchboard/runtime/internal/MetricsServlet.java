package org.switchboard.runtime.internal;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.metrics.MetricsSource;
import org.switchboard.api.metrics.MetricsWriter;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /metrics}: the JVM's memory, threads, GC and CPU, and whatever every registered
 * {@link MetricsSource} writes (calls, RTP, recognitions, API requests), in the Prometheus text format. A source
 * that fails is logged and left out; the others are still written.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/metrics")
public class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServlet.class);

    private final transient List<MetricsSource> sources = new CopyOnWriteArrayList<>();

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSource(MetricsSource s) {
        sources.add(s);
    }

    void unbindSource(MetricsSource s) {
        sources.remove(s);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        PrometheusWriter out = new PrometheusWriter();
        jvm(out);
        for (MetricsSource s : sources) {
            try {
                s.collect(out);
            } catch (RuntimeException e) {
                LOG.warn("Metrics source {} failed: {}", s.getClass().getName(), e.toString());
            }
        }
        resp.setContentType("text/plain; version=0.0.4");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(out.text());
    }

    static void jvm(MetricsWriter out) {
        var memory = ManagementFactory.getMemoryMXBean();
        write(out, "heap", memory.getHeapMemoryUsage());
        write(out, "nonheap", memory.getNonHeapMemoryUsage());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        out.gauge("jvm_threads_live", "Live threads", Map.of(), threads.getThreadCount());
        out.gauge("jvm_threads_daemon", "Live daemon threads", Map.of(), threads.getDaemonThreadCount());
        out.gauge("jvm_threads_peak", "Most live threads since start", Map.of(), threads.getPeakThreadCount());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            out.counter(
                    "jvm_gc_collections_total",
                    "Garbage collections",
                    Map.of("gc", gc.getName()),
                    Math.max(0, gc.getCollectionCount()));
            out.counter(
                    "jvm_gc_collection_seconds_total",
                    "Time spent in garbage collections",
                    Map.of("gc", gc.getName()),
                    Math.max(0, gc.getCollectionTime()) / 1000.0);
        }
        Number allocated = attribute(ManagementFactory.THREAD_MXBEAN_NAME, "TotalThreadAllocatedBytes");
        if (allocated != null && allocated.longValue() >= 0) {
            out.counter(
                    "jvm_allocated_bytes_total",
                    "Heap memory allocated since the start, by all threads (an approximation)",
                    Map.of(),
                    allocated.doubleValue());
        }
        Number cpu = osAttribute("ProcessCpuTime");
        if (cpu != null && cpu.longValue() >= 0) {
            out.counter("process_cpu_seconds_total", "CPU time of the process", Map.of(), cpu.longValue() / 1e9);
        }
        Number fds = osAttribute("OpenFileDescriptorCount");
        Number maxFds = osAttribute("MaxFileDescriptorCount");
        if (fds != null && maxFds != null) {
            out.gauge("process_open_fds", "Open file descriptors", Map.of(), fds.doubleValue());
            out.gauge("process_max_fds", "File descriptor limit", Map.of(), maxFds.doubleValue());
        }
        out.gauge(
                "process_start_time_seconds",
                "Start of the process, Unix time",
                Map.of(),
                ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0);
    }

    /** An attribute of the platform's operating system MBean (read through JMX: no com.sun.management import). */
    private static Number osAttribute(String name) {
        return attribute(ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME, name);
    }

    /** A numeric attribute of a platform MBean, or {@code null} when this JVM has none. */
    private static Number attribute(String bean, String name) {
        try {
            Object v = ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(new javax.management.ObjectName(bean), name);
            return v instanceof Number n ? n : null;
        } catch (javax.management.JMException | RuntimeException e) {
            return null;
        }
    }

    private static void write(MetricsWriter out, String area, MemoryUsage u) {
        out.gauge("jvm_memory_used_bytes", "Memory in use", Map.of("area", area), u.getUsed());
        out.gauge("jvm_memory_committed_bytes", "Memory committed by the JVM", Map.of("area", area), u.getCommitted());
        if (u.getMax() >= 0) {
            out.gauge("jvm_memory_max_bytes", "Most memory the JVM may use", Map.of("area", area), u.getMax());
        }
    }
}
