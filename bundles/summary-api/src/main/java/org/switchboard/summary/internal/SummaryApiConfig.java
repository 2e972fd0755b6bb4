package org.switchboard.summary.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the Conversation Details and Summary API, PID {@value PublicApiServlet#PID}. */
@ObjectClassDefinition(
        name = "Switchboard conversation API",
        description = "The Kore-compatible Conversation Details and Summary API and its summaries.")
public @interface SummaryApiConfig {

    @AttributeDefinition(name = "Clock skew (s)", description = "Tolerance on the exp, nbf and iat claims (0-600).")
    long clock_skew_s() default 60;

    @AttributeDefinition(name = "Largest token (bytes)", description = "Longer tokens are refused (256-65536).")
    int max_token_bytes() default 8192;

    @AttributeDefinition(
            name = "jti memory (s)",
            description = "How long a jti is remembered (in the store, across restarts) for apps that enforce "
                    + "jti, when the token has no exp (60-604800).")
    long jti_ttl_s() default 3600;

    @AttributeDefinition(name = "Largest body (bytes)", description = "Larger request bodies get 413 (256-1048576).")
    int max_body_bytes() default 65536;

    @AttributeDefinition(
            name = "Default page size",
            description = "Turns per response when the request has no " + "limit (1 up to the largest page size).")
    int page_limit_default() default 100;

    @AttributeDefinition(name = "Largest page size", description = "Most turns per response (1-10000).")
    int page_limit_max() default 1000;

    @AttributeDefinition(
            name = "Summary timeout (ms)",
            description =
                    "How long the bot's summarizer may take before " + "the built-in one answers instead (100-120000).")
    long summary_timeout_ms() default 20000;

    @AttributeDefinition(
            name = "Fallback retry (s)",
            description = "A summary written by the fallback is kept this "
                    + "long before the bot's own summarizer is tried again (0-86400).")
    long summary_fallback_retry_s() default 60;
}
