package org.switchboard.summarizer.llm.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the LLM summarizer, PID {@value LlmSummarizer#PID}. */
@ObjectClassDefinition(
        name = "Switchboard LLM summarizer",
        description = "Summaries from an OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI, vLLM, "
                + "Ollama, llama.cpp server...). Bots whose summarizer is 'llm' use it; on any failure the built-in "
                + "summarizer answers.")
public @interface LlmConfig {

    @AttributeDefinition(
            name = "URL",
            description = "The chat-completions endpoint, e.g. "
                    + "https://api.openai.com/v1/chat/completions or http://127.0.0.1:11434/v1 (/chat/completions is added "
                    + "to a URL ending in /v1). Empty: not configured, every summary falls back.")
    String url() default "";

    @AttributeDefinition(name = "Model", description = "The model name sent with each request.")
    String model() default "gpt-4o-mini";

    @AttributeDefinition(
            name = "API key",
            type = AttributeType.PASSWORD,
            description = "Sent as 'Authorization: "
                    + "Bearer <key>'; empty for endpoints without authentication. Never logged.")
    String _api_key() default "";

    @AttributeDefinition(name = "Timeout (ms)", description = "Connect plus answer time allowed (100-120000).")
    long timeout_ms() default 15000;

    @AttributeDefinition(name = "Max tokens", description = "Most tokens the model may write (16-4096).")
    int max_tokens() default 300;

    @AttributeDefinition(name = "Temperature", description = "Sampling temperature (0-2); low keeps summaries factual.")
    double temperature() default 0.2;

    @AttributeDefinition(
            name = "Transcript limit (chars)",
            description = "The transcript sent is cut to its last " + "this many characters (1000-200000).")
    int max_transcript_chars() default 12000;
}
