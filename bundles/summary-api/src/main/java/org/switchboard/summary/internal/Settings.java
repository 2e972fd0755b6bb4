package org.switchboard.summary.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Range checks of {@link SummaryApiConfig}, each failure naming the PID, the property and the value. */
final class Settings {

    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

    private Settings() {}

    static void check(SummaryApiConfig c) {
        range("clock.skew.s", c.clock_skew_s(), 0, 600);
        range("max.token.bytes", c.max_token_bytes(), 256, 65536);
        range("jti.ttl.s", c.jti_ttl_s(), 60, 604800);
        range("max.body.bytes", c.max_body_bytes(), 256, 1048576);
        range("page.limit.max", c.page_limit_max(), 1, 10000);
        range("page.limit.default", c.page_limit_default(), 1, c.page_limit_max());
        range("summary.timeout.ms", c.summary_timeout_ms(), 100, 120000);
        range("summary.fallback.retry.s", c.summary_fallback_retry_s(), 0, 86400);
    }

    private static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            String msg = "PID " + PublicApiServlet.PID + ": property '" + name + "' = '" + value + "': must be between "
                    + min + " and " + max;
            LOG.error(msg);
            throw new IllegalArgumentException(msg);
        }
    }
}
