package org.switchboard.runtime.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the OSGi Log Service into the container's SLF4J log, so that failures SCR, Config Admin and FileInstall
 * report only there (component activation errors, bad configurations) reach the console and the log file. Entries
 * logged before a log reader was bound are replayed from its history, once per framework run. The reference is
 * optional: in a container whose logging already covers the OSGi log (Karaf's pax-logging) nothing needs bridging.
 */
@Component(
        immediate = true,
        service = {})
public class LogBridge implements LogListener {

    static final String REPLAYED_PROPERTY = "org.switchboard.runtime.log.replayedUntil";

    private final List<LogReaderService> readers = new ArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindReader(LogReaderService reader) {
        replayHistory(reader);
        reader.addLogListener(this);
        synchronized (readers) {
            readers.add(reader);
        }
    }

    void unbindReader(LogReaderService reader) {
        reader.removeLogListener(this);
        synchronized (readers) {
            readers.remove(reader);
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (readers) {
            readers.forEach(r -> r.removeLogListener(this));
            readers.clear();
        }
        System.setProperty(REPLAYED_PROPERTY, Long.toString(System.currentTimeMillis()));
    }

    private void replayHistory(LogReaderService reader) {
        long since = Long.getLong(REPLAYED_PROPERTY, 0L);
        List<LogEntry> history = new ArrayList<>();
        Enumeration<LogEntry> entries = reader.getLog();
        while (entries.hasMoreElements()) {
            LogEntry e = entries.nextElement();
            if (e.getTime() > since && e.getLogLevel().implies(LogLevel.WARN)) {
                history.add(e);
            }
        }
        Collections.reverse(history); // the reader gives newest first
        history.forEach(this::logged);
    }

    @Override
    public void logged(LogEntry entry) {
        forward(entry);
    }

    /** Writes one entry to SLF4J under {@code osgi.<logger name>}, or {@code osgi.<bundle>} when the entry has none. */
    static void forward(LogEntry entry) {
        if (isFrameworkEventNoise(entry)) {
            return;
        }
        Logger log = LoggerFactory.getLogger(loggerName(entry));
        String message = entry.getMessage();
        Throwable t = entry.getException();
        switch (entry.getLogLevel()) {
            case AUDIT, ERROR -> log.error(message, t);
            case WARN -> log.warn(message, t);
            case INFO -> log.info(message, t);
            case DEBUG -> log.debug(message, t);
            default -> log.trace(message, t);
        }
    }

    static String loggerName(LogEntry entry) {
        Bundle bundle = entry.getBundle();
        String bsn = bundle == null ? null : bundle.getSymbolicName();
        String name = entry.getLoggerName();
        if (name == null || name.isBlank() || "LogService".equals(name)) {
            return "osgi." + (bsn == null ? "framework" : bsn);
        }
        return "osgi." + name;
    }

    /** Framework events (bundle started, service registered) are routine: they are not forwarded. */
    private static boolean isFrameworkEventNoise(LogEntry entry) {
        return entry.getLogLevel() == LogLevel.INFO
                && entry.getMessage() != null
                && (entry.getMessage().startsWith("BundleEvent ")
                        || entry.getMessage().startsWith("ServiceEvent ")
                        || entry.getMessage().startsWith("FrameworkEvent STARTLEVEL"));
    }
}
