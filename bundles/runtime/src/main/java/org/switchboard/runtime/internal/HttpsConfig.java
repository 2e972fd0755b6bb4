package org.switchboard.runtime.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** HTTPS for the console, the admin API and the public APIs, PID {@value HttpsListener#PID}. */
@ObjectClassDefinition(
        name = "Switchboard HTTPS",
        description = "Serves the console and the APIs over TLS (TLS 1.2+) once a keystore is set.")
public @interface HttpsConfig {

    @AttributeDefinition(
            name = "Keystore",
            description = "PKCS12 or JKS file with the server's key and certificate. " + "Empty: no HTTPS.")
    String keystore() default "";

    @AttributeDefinition(name = "Keystore password", type = AttributeType.PASSWORD)
    String keystore_password() default "";

    @AttributeDefinition(name = "Keystore type", description = "PKCS12 or JKS.")
    String keystore_type() default "PKCS12";

    @AttributeDefinition(name = "HTTPS port", description = "1-65535, on the HTTP host (org.apache.felix.http.host).")
    int port() default 8443;

    @AttributeDefinition(name = "Protocols", description = "TLSv1.3 and/or TLSv1.2; nothing older.")
    String protocols() default "TLSv1.3,TLSv1.2";

    @AttributeDefinition(name = "Cipher suites", description = "Empty: forward-secret AEAD suites only.")
    String cipher_suites() default "";

    @AttributeDefinition(
            name = "Plain HTTP",
            description = "Keep serving plain HTTP beside HTTPS (on the same host). "
                    + "Turn it off when the host is not loopback.")
    boolean http_enable() default true;
}
