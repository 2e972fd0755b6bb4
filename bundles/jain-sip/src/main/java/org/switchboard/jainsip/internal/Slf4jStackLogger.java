package org.switchboard.jainsip.internal;

import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.util.log.LogText;
import org.switchboard.util.log.LogThrottle;

import gov.nist.core.StackLogger;

/**
 * Routes the JAIN-SIP stack's logging into SLF4J (and so the container's log) instead of log4j. The stack
 * instantiates this class by name from the wrapper bundle's class loader when the property
 * {@code gov.nist.javax.sip.STACK_LOGGER} names it, so it must live inside this bundle.
 *
 * <p>The stack's INFO level (16) is also its "log every message" level; it maps to DEBUG here so that a running
 * gateway does not print every SIP message unless asked to.
 */
public class Slf4jStackLogger implements StackLogger {

    /** The class name to give as {@code gov.nist.javax.sip.STACK_LOGGER}. */
    public static final String CLASS_NAME = Slf4jStackLogger.class.getName();

    private volatile Logger log = LoggerFactory.getLogger("gov.nist.javax.sip");
    private volatile boolean enabled = true;
    private static final long PROBLEM_INTERVAL_S = 10;
    private final LogThrottle problems = new LogThrottle(PROBLEM_INTERVAL_S * 1_000_000_000L, 2);

    @Override
    public void setStackProperties(Properties properties) {
        String name = properties.getProperty("javax.sip.STACK_NAME");
        if (name != null && !name.isBlank()) {
            log = LoggerFactory.getLogger("gov.nist.javax.sip." + name.replaceAll("[^A-Za-z0-9_-]", "_"));
        }
    }

    @Override
    public boolean isLoggingEnabled() {
        return enabled;
    }

    @Override
    public boolean isLoggingEnabled(int level) {
        if (!enabled || level <= TRACE_NONE) {
            return false;
        }
        if (level <= TRACE_ERROR) {
            return log.isErrorEnabled();
        }
        if (level <= TRACE_WARN) {
            return log.isWarnEnabled();
        }
        if (level <= TRACE_DEBUG) {
            return log.isDebugEnabled();
        }
        return log.isTraceEnabled();
    }

    @Override
    public void logStackTrace() {
        logStackTrace(TRACE_DEBUG);
    }

    @Override
    public void logStackTrace(int level) {
        if (isLoggingEnabled(level)) {
            log.debug("stack trace", new Throwable("stack trace requested by JAIN-SIP"));
        }
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        if (enabled) {
            problem("error", "exception", ex);
        }
    }

    /**
     * What the stack reports as an error, an exception or a warning: nearly always something a peer did (a malformed
     * or truncated message, a connection reset or refused, a name that does not resolve), so it is a WARN line
     * without a stack trace, at most one per {@value #PROBLEM_INTERVAL_S} s for errors and one for warnings, with a
     * count of those left out (all of them at DEBUG, with their stack traces), and with control characters escaped.
     */
    private void problem(String kind, String message, Throwable ex) {
        long held = problems.admit(kind, System.nanoTime());
        if (held < 0) {
            log.debug(message, ex);
            return;
        }
        log.warn(
                "JAIN-SIP: {}{}{}",
                LogText.escape(message),
                ex == null ? "" : ": " + LogText.escape(ex.toString()),
                held > 0 ? " (and " + held + " more stack problem(s) not logged; DEBUG on gov.nist shows them)" : "");
        log.debug(message, ex);
    }

    @Override
    public void logDebug(String message) {
        if (enabled) {
            log.debug(message);
        }
    }

    @Override
    public void logDebug(String message, Exception ex) {
        if (enabled) {
            log.debug(message, ex);
        }
    }

    @Override
    public void logTrace(String message) {
        if (enabled) {
            log.trace(message);
        }
    }

    @Override
    public void logFatalError(String message) {
        if (enabled) {
            log.error("FATAL: {}", LogText.escape(message));
        }
    }

    @Override
    public void logError(String message) {
        if (enabled) {
            problem("error", message, null);
        }
    }

    @Override
    public void logError(String message, Exception ex) {
        if (!enabled) {
            return;
        }
        if (keepAliveOnClosedConnection(message, ex)) {
            log.debug("Keep-alive (CRLF) answer skipped: the connection was closed meanwhile ({})", ex.toString());
            return;
        }
        problem("error", message, ex);
    }

    /**
     * The RI's stream reader answers a double CRLF (RFC 5626 keep-alive) on its parser thread while another thread may
     * be closing the connection; it checks the socket and then uses it, and loses that race with a
     * NullPointerException. Nothing is lost (the connection is gone), so it is not an error worth a stack trace.
     */
    static boolean keepAliveOnClosedConnection(String message, Exception ex) {
        return ex instanceof NullPointerException
                && message != null
                && message.startsWith("A problem occured while trying to send a single CLRF");
    }

    @Override
    public void logWarning(String message) {
        if (!enabled) {
            return;
        }
        if (isTlsDefaultNotice(message)) {
            log.debug(message);
        } else {
            problem("warning", message, null);
        }
    }

    /** The stack warns at every start that no TLS key store is set; that is normal while TLS is not configured. */
    static boolean isTlsDefaultNotice(String message) {
        return message != null
                && (message.startsWith("TLS server settings will be inactive")
                        || message.startsWith("TLS trust settings will be inactive")
                        || message.startsWith("using default tls security policy")
                        || message.startsWith("Using default keystore type")
                        || message.startsWith("Using default truststore type"));
    }

    @Override
    public void logInfo(String message) {
        if (enabled) {
            log.debug(message);
        }
    }

    @Override
    public void disableLogging() {
        enabled = false;
    }

    @Override
    public void enableLogging() {
        enabled = true;
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        if (enabled) {
            log.debug("JAIN-SIP build {}", buildTimeStamp);
        }
    }

    @Override
    public String getLoggerName() {
        return log.getName();
    }
}
