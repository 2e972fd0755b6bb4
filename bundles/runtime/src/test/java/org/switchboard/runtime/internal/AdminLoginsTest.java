package org.switchboard.runtime.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.switchboard.api.admin.AdminAuthenticator.Outcome;

public class AdminLoginsTest {

    @Test
    public void failedLoginsAreCountedPerAddressPerMinute() {
        LoginLimiter limiter = new LoginLimiter(3);
        long t = 120_000;
        for (int i = 0; i < 3; i++) {
            assertFalse(limiter.blocked("10.0.0.1", t));
            limiter.failed("10.0.0.1", t + i);
        }
        assertTrue(limiter.blocked("10.0.0.1", t + 10));
        assertFalse("another address", limiter.blocked("10.0.0.2", t + 10));
        assertFalse("the next minute", limiter.blocked("10.0.0.1", t + 60_000));
    }

    @Test
    public void aBlockedSourceIsNotEvenCheckedNotEvenWithTheRightPassword() {
        AdminLogins logins = new AdminLogins(2);
        long t = 600_000;
        int[] checks = {0};
        assertEquals(Outcome.REJECTED, logins.attempt("admin", "10.0.0.9", t, () -> ++checks[0] < 0));
        assertEquals(
                Outcome.REJECTED, logins.attempt("ad\u001b[2Jmin\r\nforged", "10.0.0.9", t + 1, () -> ++checks[0] < 0));
        assertEquals(Outcome.BLOCKED, logins.attempt("admin", "10.0.0.9", t + 2, () -> ++checks[0] > 0));
        assertEquals("the right password is not even looked at", 2, checks[0]);
        assertEquals(Outcome.ACCEPTED, logins.attempt("admin", "10.0.0.8", t + 3, () -> true));
        assertEquals(Outcome.ACCEPTED, logins.attempt("admin", "10.0.0.9", t + 60_000, () -> true));
    }
}
