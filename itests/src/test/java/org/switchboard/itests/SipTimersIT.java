package org.switchboard.itests;

import java.util.Dictionary;
import java.util.Hashtable;

import org.junit.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The timed parts of a call, with short timers configured on the SIP stack: CANCEL while ringing (487), a REFER
 * nobody reports on (fallback after the REFER timeout) and a session that is never refreshed (BYE before it
 * expires).
 */
public class SipTimersIT extends SwitchboardTestSupport {

    private void shortTimers() throws Exception {
        awaitHealthy();
        ConfigurationAdmin ca = context.getService(context.getServiceReference(ConfigurationAdmin.class));
        Configuration sip = ca.getConfiguration("org.switchboard.sip", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        for (java.util.Enumeration<String> keys = sip.getProperties().keys(); keys.hasMoreElements(); ) {
            String k = keys.nextElement();
            props.put(k, sip.getProperties().get(k));
        }
        props.put("answer.delay.ms", "1500");
        props.put("refer.timeout.ms", "2000");
        props.put("min.se.s", "2");
        sip.update(props);
        Thread.sleep(500);
        awaitHealthy();
        sipp("options.xml", "udp"); // the stack is back with the new settings
    }

    @Test
    public void timers() throws Exception {
        shortTimers();
        for (String t : new String[] {"udp", "tcp"}) {
            sipp("zcc-cancel.xml", t);
            sipp("zcc-transfer-refer-timeout.xml", t);
            sipp("zcc-session-expiry.xml", t, "-key", "interval", "3");
        }
    }
}
