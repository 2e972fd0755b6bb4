package org.switchboard.assistant.llm.internal;

import java.net.http.HttpClient;
import java.time.Duration;

import org.osgi.service.component.annotations.Component;
import org.switchboard.api.assistant.AssistantFactory;
import org.switchboard.api.assistant.VirtualAssistant;

/**
 * Makes LLM assistants from {@code {"type": "llm", "url": ..., "model": ...}} definitions. The JDK's HTTP client
 * streams the completions and Gson reads them: an OpenAI client library would bring a dozen bundles (and Kotlin or
 * Jackson) into the container for one POST and a line reader.
 */
@Component(service = AssistantFactory.class, property = AssistantFactory.TYPE + "=llm")
public final class LlmAssistantFactory implements AssistantFactory {

    @Override
    public VirtualAssistant create(String id, String definition) {
        return new LlmAssistant(id, LlmSettings.parse(definition), SharedClient.CLIENT);
    }

    /** Built when the first assistant is made, not at start: building a client initializes TLS (about 150 ms). */
    private static final class SharedClient {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(3))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }
}
