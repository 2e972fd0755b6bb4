package org.switchboard.jainsip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Properties;

import org.junit.Test;

import gov.nist.core.LogLevels;

public class Slf4jStackLoggerTest {

    @Test
    public void levelsFollowSlf4jAndCanBeDisabled() {
        // slf4j-simple defaults to INFO: errors and warnings on, debug (and the stack's chatty INFO) off
        Slf4jStackLogger logger = new Slf4jStackLogger();
        assertTrue(logger.isLoggingEnabled(LogLevels.TRACE_ERROR));
        assertTrue(logger.isLoggingEnabled(LogLevels.TRACE_WARN));
        assertFalse(logger.isLoggingEnabled(LogLevels.TRACE_MESSAGES));
        assertFalse(logger.isLoggingEnabled(LogLevels.TRACE_NONE));
        logger.disableLogging();
        assertFalse(logger.isLoggingEnabled(LogLevels.TRACE_ERROR));
        logger.enableLogging();
        assertTrue(logger.isLoggingEnabled());
    }

    @Test
    public void loggerNamedAfterStack() {
        Slf4jStackLogger logger = new Slf4jStackLogger();
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "switch board");
        logger.setStackProperties(p);
        assertEquals("gov.nist.javax.sip.switch_board", logger.getLoggerName());
    }

    @Test
    public void tlsDefaultNoticesAreNotWarnings() {
        assertTrue(Slf4jStackLogger.isTlsDefaultNotice("Using default keystore type pkcs12"));
        assertFalse(Slf4jStackLogger.isTlsDefaultNotice("Invalid argument address = 127.0.0.1"));
    }
}
