package org.switchboard.sip.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Validated SIP stack settings. Every invalid value is reported with the PID, the property and the reason, all
 * at once, so an operator fixes the configuration in one go.
 */
record SipSettings(
        String address,
        int udpPort,
        int tcpPort,
        int threadPoolSize,
        int workerThreads,
        int workerBacklog,
        int maxMessageSize,
        int stopTimeoutMs,
        String stackLogLevel,
        String mediaAddress,
        int rtpPortMin,
        int rtpPortMax,
        int answerDelayMs,
        int minSeS,
        int referTimeoutMs,
        int retryAfterS,
        int serviceWaitMs,
        int maxHeaderFields,
        int maxCalls,
        int maxCallsPerSecond,
        int authNonceS,
        boolean shutdownToAgent,
        int drainTimeoutMs,
        int recorderQueueSize,
        int recorderGatherMs,
        int maxConnections,
        int maxConnectionsPerSource,
        int connectionIdleTimeoutS,
        int transactionLingerS,
        TlsSettings tls,
        TrustedProxies trustedProxies) {

    private static final Set<String> LOG_LEVELS = Set.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");

    static SipSettings from(SipConfig c) {
        List<String> errors = new ArrayList<>();
        String address = c.address() == null ? "" : c.address().trim();
        ipAddress(errors, "address", address);
        String media = c.media_address() == null ? "" : c.media_address().trim();
        if (!media.isEmpty()) {
            ipAddress(errors, "media.address", media);
        }
        port(errors, "udp.port", c.udp_port());
        port(errors, "tcp.port", c.tcp_port());
        if (c.udp_port() == 0 && c.tcp_port() == 0) {
            errors.add("PID " + SipStackOwner.PID
                    + ": properties 'udp.port' and 'tcp.port' are both 0: enable at least one transport");
        }
        range(errors, "thread.pool.size", c.thread_pool_size(), 1, 256);
        range(errors, "worker.threads", c.worker_threads(), 1, 256);
        range(errors, "worker.backlog", c.worker_backlog(), 100, 100_000);
        range(errors, "max.message.size", c.max_message_size(), 1024, 1 << 20);
        range(errors, "max.header.fields", c.max_header_fields(), 10, 1000);
        range(errors, "max.calls", c.max_calls(), 0, 100_000);
        range(errors, "max.calls.per.second", c.max_calls_per_second(), 0, 10_000);
        range(errors, "stop.timeout.ms", c.stop_timeout_ms(), 100, 60_000);
        range(errors, "rtp.port.min", c.rtp_port_min(), 1024, 65534);
        range(errors, "rtp.port.max", c.rtp_port_max(), 1025, 65535);
        if (c.rtp_port_max() <= c.rtp_port_min() + 1) {
            errors.add(problem(
                    "rtp.port.max",
                    c.rtp_port_max(),
                    "must be above rtp.port.min + 1 (" + c.rtp_port_min() + ") so that at least one even port fits"));
        }
        range(errors, "answer.delay.ms", c.answer_delay_ms(), 0, 60_000);
        range(errors, "min.se.s", c.min_se_s(), 1, 86_400);
        range(errors, "refer.timeout.ms", c.refer_timeout_ms(), 1000, 300_000);
        range(errors, "retry.after.s", c.retry_after_s(), 1, 3600);
        range(errors, "service.wait.ms", c.service_wait_ms(), 0, 30_000);
        range(errors, "auth.nonce.s", c.auth_nonce_s(), 5, 3600);
        range(errors, "drain.timeout.ms", c.drain_timeout_ms(), 100, 30_000);
        range(errors, "recorder.queue.size", c.recorder_queue_size(), 1000, 10_000_000);
        range(errors, "recorder.gather.ms", c.recorder_gather_ms(), 0, 1000);
        range(errors, "max.connections", c.max_connections(), 0, 100_000);
        range(errors, "max.connections.per.source", c.max_connections_per_source(), 0, 100_000);
        range(errors, "connection.idle.timeout.s", c.connection_idle_timeout_s(), 0, 86_400);
        range(errors, "transaction.linger.s", c.transaction_linger_s(), 1, 32);
        String handoff =
                c.shutdown_handoff() == null ? "" : c.shutdown_handoff().trim().toLowerCase(Locale.ROOT);
        if (!handoff.equals("hangup") && !handoff.equals("agent")) {
            errors.add(problem("shutdown.handoff", c.shutdown_handoff(), "must be 'hangup' or 'agent'"));
        }
        TlsSettings tls = TlsSettings.from(c, errors);
        TrustedProxies proxies = TrustedProxies.parse(c.trusted_proxies(), errors, SipStackOwner.PID);
        if (tls != null && (tls.port() == c.tcp_port() && c.tcp_port() != 0)) {
            errors.add(problem("tls.port", c.tls_port(), "is also the TCP port"));
        }
        String level =
                c.stack_log_level() == null ? "" : c.stack_log_level().trim().toUpperCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(level)) {
            errors.add(
                    problem("stack.log.level", c.stack_log_level(), "must be one of ERROR, WARN, INFO, DEBUG, TRACE"));
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return new SipSettings(
                address,
                c.udp_port(),
                c.tcp_port(),
                c.thread_pool_size(),
                c.worker_threads(),
                c.worker_backlog(),
                c.max_message_size(),
                c.stop_timeout_ms(),
                level,
                media.isEmpty() ? address : media,
                c.rtp_port_min(),
                c.rtp_port_max(),
                c.answer_delay_ms(),
                c.min_se_s(),
                c.refer_timeout_ms(),
                c.retry_after_s(),
                c.service_wait_ms(),
                c.max_header_fields(),
                c.max_calls(),
                c.max_calls_per_second(),
                c.auth_nonce_s(),
                handoff.equals("agent"),
                c.drain_timeout_ms(),
                c.recorder_queue_size(),
                c.recorder_gather_ms(),
                c.max_connections(),
                c.max_connections_per_source(),
                c.connection_idle_timeout_s(),
                c.transaction_linger_s(),
                tls,
                proxies);
    }

    private static void ipAddress(List<String> errors, String name, String value) {
        if (value.isEmpty()) {
            errors.add(problem(name, value, "must be an IP address"));
            return;
        }
        try {
            if (!org.switchboard.sip.internal.sdp.IpLiterals.isIp(value)) {
                errors.add(problem(name, value, "must be an IP address, not a host name"));
            } else {
                InetAddress.getByName(value);
            }
        } catch (UnknownHostException e) {
            errors.add(problem(name, value, "is not a valid IP address"));
        }
    }

    private static void port(List<String> errors, String name, int value) {
        if (value < 0 || value > 65535) {
            errors.add(problem(name, value, "must be between 1 and 65535 (0 disables the transport)"));
        }
    }

    private static void range(List<String> errors, String name, int value, int min, int max) {
        if (value < min || value > max) {
            errors.add(problem(name, value, "must be between " + min + " and " + max));
        }
    }

    private static String problem(String property, Object value, String reason) {
        return "PID " + SipStackOwner.PID + ": property '" + property + "' = '" + value + "': " + reason;
    }

    /** The TLS listening port, or 0 when TLS is off. */
    int tlsPort() {
        return tls == null ? 0 : tls.port();
    }

    /** The JAIN-SIP numeric trace level for the configured name. */
    int stackTraceLevel() {
        return switch (stackLogLevel) {
            case "TRACE" -> 64;
            case "DEBUG" -> 32;
            case "INFO" -> 16;
            case "WARN" -> 8;
            default -> 4;
        };
    }
}
