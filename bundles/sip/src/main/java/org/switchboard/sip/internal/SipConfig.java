package org.switchboard.sip.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the SIP stack, PID {@value SipStackOwner#PID}. */
@ObjectClassDefinition(name = "Switchboard SIP stack",
        description = "Listening address, transports and tuning of the one SIP stack.")
public @interface SipConfig {

    @AttributeDefinition(name = "Address", description = "IP address the SIP listening points bind to.")
    String address() default "127.0.0.1";

    @AttributeDefinition(name = "UDP port", description = "UDP listening port (1-65535); 0 disables UDP.")
    int udp_port() default 5060;

    @AttributeDefinition(name = "TCP port", description = "TCP listening port (1-65535); 0 disables TCP.")
    int tcp_port() default 5060;

    @AttributeDefinition(name = "Stack threads", description = "Threads of the stack's reentrant listener pool (1-256).")
    int thread_pool_size() default 8;

    @AttributeDefinition(name = "Worker threads", description = "Threads running the method processors (1-256).")
    int worker_threads() default 4;

    @AttributeDefinition(name = "Max message size", description = "Largest SIP message accepted, in bytes (1024-1048576).")
    int max_message_size() default 65536;

    @AttributeDefinition(name = "Stop timeout", description = "How long stopping the stack may take, in ms (100-60000).")
    int stop_timeout_ms() default 3000;

    @AttributeDefinition(name = "Stack log level", description = "JAIN-SIP trace level: ERROR, WARN, INFO, DEBUG, TRACE.")
    String stack_log_level() default "ERROR";
}
