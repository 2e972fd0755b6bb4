package org.switchboard.sip.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the SIP stack, PID {@value SipStackOwner#PID}. */
@ObjectClassDefinition(
        name = "Switchboard SIP stack",
        description = "Listening address, transports and tuning of the one SIP stack.")
public @interface SipConfig {

    @AttributeDefinition(name = "Address", description = "IP address the SIP listening points bind to.")
    String address() default "127.0.0.1";

    @AttributeDefinition(name = "UDP port", description = "UDP listening port (1-65535); 0 disables UDP.")
    int udp_port() default 5060;

    @AttributeDefinition(name = "TCP port", description = "TCP listening port (1-65535); 0 disables TCP.")
    int tcp_port() default 5060;

    @AttributeDefinition(
            name = "TLS port",
            description = "SIP over TLS listening port (1-65535); 0 turns TLS off. "
                    + "TLS listens only when a keystore is configured.")
    int tls_port() default 5061;

    @AttributeDefinition(
            name = "TLS keystore",
            description = "Keystore file holding the server's private key and "
                    + "certificate chain (PKCS12 or JKS); empty: no TLS.")
    String tls_keystore() default "";

    @AttributeDefinition(
            name = "TLS keystore password",
            type = AttributeType.PASSWORD,
            description = "Password of the keystore and of its key.")
    String tls_keystore_password() default "";

    @AttributeDefinition(name = "TLS keystore type", description = "PKCS12 or JKS.")
    String tls_keystore_type() default "PKCS12";

    @AttributeDefinition(
            name = "TLS truststore",
            description = "Truststore file with the certificates (or CAs) of "
                    + "peers that present one; empty: the keystore.")
    String tls_truststore() default "";

    @AttributeDefinition(
            name = "TLS truststore password",
            type = AttributeType.PASSWORD,
            description = "Password of the truststore.")
    String tls_truststore_password() default "";

    @AttributeDefinition(name = "TLS truststore type", description = "PKCS12 or JKS.")
    String tls_truststore_type() default "PKCS12";

    @AttributeDefinition(
            name = "TLS client certificates",
            description = "none, want (asked for, checked when given) "
                    + "or need (a peer without a trusted certificate cannot connect).")
    String tls_client_auth() default "none";

    @AttributeDefinition(
            name = "TLS protocols",
            description = "Protocols enabled: TLSv1.2 and/or TLSv1.3 (nothing older).")
    String tls_protocols() default "TLSv1.3,TLSv1.2";

    @AttributeDefinition(
            name = "TLS cipher suites",
            description = "Cipher suites enabled, comma-separated; empty: "
                    + "forward-secret AEAD suites only (TLS 1.3's, ECDHE with AES-GCM or ChaCha20-Poly1305).")
    String tls_cipher_suites() default "";

    @AttributeDefinition(
            name = "Stack threads",
            description = "Threads of the stack's reentrant listener pool (1-256).")
    int thread_pool_size() default 8;

    @AttributeDefinition(name = "Worker threads", description = "Threads running the method processors (1-256).")
    int worker_threads() default 4;

    @AttributeDefinition(
            name = "Worker backlog",
            description = "Requests from the network waiting for a worker past which new ones are answered 503"
                    + " (100-100000). Work for calls already taken (their responses, timeouts and timers) is never"
                    + " refused.")
    int worker_backlog() default 10_000;

    @AttributeDefinition(
            name = "Max message size",
            description = "Largest SIP message accepted, in bytes (1024-1048576).")
    int max_message_size() default 65536;

    @AttributeDefinition(
            name = "Max header fields",
            description = "Most header fields a SIP message may have (10-1000); " + "more is answered 400.")
    int max_header_fields() default 200;

    @AttributeDefinition(
            name = "Max calls",
            description = "Most calls in progress at once, counted from the INVITE "
                    + "(0-100000; 0: no limit). A new INVITE above it is answered 503 with Retry-After before any transaction "
                    + "exists; trunks may have lower limits of their own (maxCalls in the workspace).")
    int max_calls() default 2000;

    @AttributeDefinition(
            name = "Max calls per second",
            description = "Most new calls per second (0-10000; 0: no "
                    + "limit), a token bucket holding one second's calls; above it a new INVITE is answered 503 with "
                    + "Retry-After. Trunks may have lower limits of their own (maxCallsPerSecond in the workspace).")
    int max_calls_per_second() default 200;

    @AttributeDefinition(
            name = "Stop timeout",
            description = "How long stopping the stack may take, in ms (100-60000).")
    int stop_timeout_ms() default 3000;

    @AttributeDefinition(
            name = "Shutdown handoff",
            description = "How calls in progress end when the gateway stops: "
                    + "'hangup' (the adapter's hang-up BYE) or 'agent' (its agent handoff BYE). New calls get 503 from the "
                    + "moment the stop begins.")
    String shutdown_handoff() default "hangup";

    @AttributeDefinition(
            name = "Drain time",
            description = "How long a stop waits, in ms, for the BYEs of the calls "
                    + "it ends to be answered and for their records to be written (100-30000).")
    int drain_timeout_ms() default 2000;

    @AttributeDefinition(
            name = "Trusted proxies",
            description = "IP addresses or networks (a.b.c.d/n) of the SIP "
                    + "proxies in front of this node (Kamailio in a cluster). A request from one of them is routed and "
                    + "allow-listed by the address in its X-Switchboard-Source header (the contact center's, as the proxy saw "
                    + "it); from anyone else that header is ignored. Trusted proxies may connect and send OPTIONS like a "
                    + "trunk's peers. Empty: none.")
    String[] trusted_proxies() default {};

    @AttributeDefinition(
            name = "Connections",
            description = "SIP connections (TCP and TLS) open at once (0-100000; "
                    + "0: no limit). One more is closed at accept.")
    int max_connections() default 512;

    @AttributeDefinition(
            name = "Connections per source",
            description = "SIP connections open at once from one "
                    + "address (0-100000; 0: no limit). One more is closed at accept. A connection from an address no trunk "
                    + "allows is always closed at accept.")
    int max_connections_per_source() default 32;

    @AttributeDefinition(
            name = "Connection idle timeout",
            description = "Seconds a SIP connection may carry nothing "
                    + "(CRLF keep-alives count) before it is closed (0-86400; 0: never).")
    int connection_idle_timeout_s() default 900;

    @AttributeDefinition(
            name = "Transaction linger",
            description = "Seconds a terminated transaction or dialog stays known to the stack (1-32), after the "
                    + "RFC 3261 timers. Longer costs memory at high call rates (JAIN-SIP's own default is 8). An INVITE "
                    + "retransmitted after its answer is absorbed for 32 s (RFC 6026) whatever this is.")
    int transaction_linger_s() default 2;

    @AttributeDefinition(
            name = "Recorder queue",
            description = "Call records that may wait to be written to the "
                    + "conversation store (1000-10000000). Once half of it is taken, new calls get 503 until the store catches "
                    + "up; a record is dropped only when it is full.")
    int recorder_queue_size() default 100_000;

    @AttributeDefinition(
            name = "Recorder gather",
            description = "Milliseconds the call recorder lets records gather after the first of a batch before it "
                    + "writes them in one transaction (0-1000). Each batch costs the store a commit and, on embedded "
                    + "H2, a checkpoint: longer means fewer of them at high call rates, and records reach the "
                    + "database (and the APIs) that much later.")
    int recorder_gather_ms() default 25;

    @AttributeDefinition(
            name = "Media address",
            description = "IP address put in SDP answers (c=) for RTP; empty: the SIP address.")
    String media_address() default "";

    @AttributeDefinition(
            name = "RTP port min",
            description = "Lowest RTP port offered in SDP answers (even, 1024-65534).")
    int rtp_port_min() default 10000;

    @AttributeDefinition(
            name = "RTP port max",
            description = "Highest RTP port offered in SDP answers (1025-65535, above the minimum).")
    int rtp_port_max() default 20000;

    @AttributeDefinition(
            name = "Answer delay",
            description = "Ring time before answering, in ms (0-60000); above 0 a 180 Ringing is sent first.")
    int answer_delay_ms() default 0;

    @AttributeDefinition(
            name = "Min-SE",
            description =
                    "Smallest session interval accepted (RFC 4028), in seconds (1-86400; the RFC asks for at least 90).")
    int min_se_s() default 90;

    @AttributeDefinition(
            name = "REFER timeout",
            description = "How long to wait for a REFER's final NOTIFY, in ms (1000-300000).")
    int refer_timeout_ms() default 15000;

    @AttributeDefinition(name = "Retry-After", description = "Seconds in the Retry-After of a 503 (1-3600).")
    int retry_after_s() default 5;

    @AttributeDefinition(
            name = "Service wait",
            description = "How long a new INVITE waits, in ms, for the flow "
                    + "registry, the trunk's adapter or the flow runtime when one is away (a bundle being updated) before it "
                    + "is refused with 503 (0-30000).")
    int service_wait_ms() default 5000;

    @AttributeDefinition(
            name = "Digest nonce lifetime",
            description =
                    "How long a digest challenge's nonce is "
                            + "good for, in seconds (5-3600), on trunks with auth. A later answer gets a new challenge with stale=true.")
    int auth_nonce_s() default 300;

    @AttributeDefinition(
            name = "Stack log level",
            description = "JAIN-SIP trace level: ERROR, WARN, INFO, DEBUG, TRACE.")
    String stack_log_level() default "ERROR";
}
