package org.switchboard.assistant.internal.jambonz;

import java.net.http.HttpClient;

import org.osgi.service.component.annotations.Component;
import org.switchboard.api.assistant.AssistantFactory;
import org.switchboard.api.assistant.VirtualAssistant;
import org.switchboard.assistant.internal.webhook.WebhookSettings;

/**
 * Makes jambonz-compatible assistants from {@code {"type": "jambonz", "url": ...}} definitions (the call webhook's
 * URL, with the webhook assistant's {@code timeoutMs}, {@code headers} and fallback settings); one HTTP client and one
 * cache of the audio applications play from URLs (in the temporary directory, emptied when the component stops) for
 * all.
 */
@Component(service = AssistantFactory.class, property = AssistantFactory.TYPE + "=jambonz")
public final class JambonzAssistantFactory implements AssistantFactory {

    private final HttpClient client = WebhookSettings.httpClient();
    private final AudioCache audio = new AudioCache(
            client,
            java.nio.file.Path.of(
                    System.getProperty("java.io.tmpdir"),
                    "switchboard-jambonz-audio-" + ProcessHandle.current().pid()));

    @Override
    public VirtualAssistant create(String id, String definition) {
        return new JambonzAssistant(id, WebhookSettings.parse(definition), client, audio);
    }

    @org.osgi.service.component.annotations.Deactivate
    void deactivate() {
        audio.clear();
    }
}
