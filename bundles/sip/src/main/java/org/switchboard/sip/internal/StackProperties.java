package org.switchboard.sip.internal;

import java.util.Properties;

/** Every JAIN-SIP property Switchboard sets, in one place (see STACK.md, "JAIN-SIP tuning that matters"). */
final class StackProperties {

    static final String STACK_LOGGER_CLASS = "org.switchboard.jainsip.internal.Slf4jStackLogger";
    static final String PROCESSOR_FACTORY_CLASS = "org.switchboard.jainsip.internal.LeanMessageProcessorFactory";

    private StackProperties() {}

    static Properties of(SipSettings s, String stackName) {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", stackName);
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", STACK_LOGGER_CLASS);
        // UDP datagrams received into one buffer, not a new 64 KiB one each (the wrapper bundle's processor).
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", PROCESSOR_FACTORY_CLASS);
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", Integer.toString(s.stackTraceLevel()));
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(s.threadPoolSize()));
        p.setProperty("gov.nist.javax.sip.TCP_POST_PARSING_THREAD_POOL_SIZE", Integer.toString(s.threadPoolSize()));
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", "65536");
        p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", "65536");
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(s.maxMessageSize()));
        p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", "10000");
        p.setProperty("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS", "10000");
        p.setProperty("gov.nist.javax.sip.MAX_TX_LIFETIME_INVITE", "300");
        p.setProperty("gov.nist.javax.sip.MAX_TX_LIFETIME_NON_INVITE", "60");
        p.setProperty("gov.nist.javax.sip.MAX_LISTENER_RESPONSE_TIME", "60");
        p.setProperty("gov.nist.javax.sip.CACHE_SERVER_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.DELIVER_UNSOLICITED_NOTIFY", "true");
        // The default timer (a java.util.Timer) keeps every cancelled transaction timer until it would have fired:
        // at hundreds of calls a second, tens of MiB of dead timers (measured in the soak). This one purges them.
        p.setProperty(
                "gov.nist.javax.sip.TIMER_CLASS_NAME", "gov.nist.javax.sip.stack.timers.ScheduledExecutorSipTimer");
        // Answer a request at the port it came from when its Via names another (RFC 3581 behaviour without rport):
        // peers behind NAT and peers whose Via is wrong still get their responses.
        p.setProperty("gov.nist.javax.sip.ALWAYS_ADD_RPORT", "true");
        // A terminated transaction or dialog lets go of its parsed messages while it lingers for its timers (32 s
        // over UDP): a third less live heap at 400 calls/s, and less for each young collection to copy.
        p.setProperty("gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Normal");
        // How long a terminated transaction or dialog lingers (RI default 8 s). At 400 calls/s, 2 s instead of 8 took
        // the live heap from 76 to 48 MB and its objects from 1.7 to 0.9 million: less for each young GC to copy.
        p.setProperty("gov.nist.javax.sip.LINGER_TIMER", Integer.toString(s.transactionLingerS()));
        TlsSettings tls = s.tls();
        if (tls != null) {
            p.setProperty("javax.net.ssl.keyStore", tls.keystore());
            p.setProperty("javax.net.ssl.keyStorePassword", tls.keystorePassword());
            p.setProperty("javax.net.ssl.keyStoreType", tls.keystoreType());
            p.setProperty("javax.net.ssl.trustStore", tls.truststore());
            p.setProperty("javax.net.ssl.trustStorePassword", tls.truststorePassword());
            p.setProperty("javax.net.ssl.trustStoreType", tls.truststoreType());
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", tls.clientAuth());
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", String.join(",", tls.protocols()));
            p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(",", tls.cipherSuites()));
        }
        return p;
    }
}
