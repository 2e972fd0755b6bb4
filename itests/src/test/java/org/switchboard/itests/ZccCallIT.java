package org.switchboard.itests;

import org.junit.Test;
import org.osgi.framework.Bundle;

/**
 * sipp plays Zoom Contact Center against the assembled container and the demo workspace, over UDP and TCP: the
 * three seed scenarios (answer headers, BYE headers, caller BYE answered 200 with nothing sent), REFER success and
 * failure with the BYE fallback, session refresh, the routing rejections and a malformed SDP offer (488). Every check is a sipp regexp action
 * or an expected message in {@code examples/sipp}; sipp fails on anything unexpected.
 */
public class ZccCallIT extends SwitchboardTestSupport {

    private static final String[] TRANSPORTS = {"udp", "tcp"};

    @Test
    public void transferToAgentByBye() throws Exception {
        awaitHealthy();
        for (String t : TRANSPORTS) {
            sipp("zcc-transfer-bye.xml", t);
        }
    }

    @Test
    public void botHangsUp() throws Exception {
        awaitHealthy();
        for (String t : TRANSPORTS) {
            sipp("zcc-bot-hangup.xml", t);
        }
    }

    @Test
    public void callerHangsUp() throws Exception {
        awaitHealthy();
        for (String t : TRANSPORTS) {
            sipp("zcc-caller-hangup.xml", t);
        }
    }

    @Test
    public void transferByRefer() throws Exception {
        awaitHealthy();
        for (String t : TRANSPORTS) {
            sipp("zcc-transfer-refer.xml", t);
        }
    }

    @Test
    public void failedReferFallsBackToBye() throws Exception {
        awaitHealthy();
        for (String t : TRANSPORTS) {
            sipp("zcc-transfer-refer-failed.xml", t);
            sipp("zcc-transfer-refer-rejected.xml", t);
        }
    }

    @Test
    public void reInviteAndUpdateRefreshTheSession() throws Exception {
        awaitHealthy();
        for (String t : TRANSPORTS) {
            sipp("zcc-session-refresh.xml", t);
        }
    }

    @Test
    public void routingRejections() throws Exception {
        awaitHealthy();
        // a source no trunk allows: 403 over UDP; over TCP its connection is closed at accept (SecurityIT,
        // HostileInputIT)
        sipp("invite-403.xml", "udp", "-i", "127.0.0.2", "-s", "+15550100");
        for (String t : TRANSPORTS) {
            sipp("invite-404.xml", t, "-s", "+15550199");
            sipp("invite-404.xml", t, "-s", "15550199");
            sipp("invite-480.xml", t, "-s", "+15550109");
            sipp("invite-480.xml", t, "-s", "15550109");
            sipp("invite-488.xml", t, "-s", "+15550100");
        }
    }

    @Test
    public void missingAdapterGets503UntilItReturns() throws Exception {
        awaitHealthy();
        Bundle adapter = installed("org.switchboard.adapter-zcc");
        adapter.stop();
        try {
            for (String t : TRANSPORTS) {
                sipp("invite-503.xml", t, "-s", "+15550100");
            }
        } finally {
            adapter.start();
        }
        sipp("zcc-transfer-bye.xml", "udp");
    }
}
