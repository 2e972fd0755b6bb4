package org.switchboard.jainsip.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class Slf4jStackLoggerTest {

    @Test
    public void onlyTheKeepAliveRaceIsQuietened() {
        String keepAlive = "A problem occured while trying to send a single CLRF in response to a double CLRF";
        assertTrue(Slf4jStackLogger.keepAliveOnClosedConnection(keepAlive, new NullPointerException("mySock")));
        assertFalse(
                "another failure of the keep-alive answer stays an error",
                Slf4jStackLogger.keepAliveOnClosedConnection(keepAlive, new java.io.IOException("broken pipe")));
        assertFalse(Slf4jStackLogger.keepAliveOnClosedConnection(
                "could not instantiate SSL networking", new NullPointerException()));
    }
}
