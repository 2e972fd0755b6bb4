package org.switchboard.media.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.slf4j.Logger;

public class RepeatedFailureTest {

    @Test
    public void aFailureEveryFrameWritesOneLinePerIntervalWithTheCountLeftOut() {
        List<String> lines = new ArrayList<>();
        Logger log = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("warn")) {
                        lines.add((String) args[0]);
                    }
                    return null;
                });
        RepeatedFailure f = new RepeatedFailure();
        long t = 5_000_000_000L;
        for (int frame = 0; frame < 3201; frame++) { // 64 s of 20 ms frames
            f.warn(log, t + frame * 20_000_000L, "Session {}: frame failed: {}", "s1", "unresolved address");
        }
        assertEquals(lines.toString(), 7, lines.size());
        assertEquals("Session {}: frame failed: {}", lines.get(0));
        assertTrue(lines.get(1), lines.get(1).endsWith(" (499 more like it not logged)"));
    }
}
