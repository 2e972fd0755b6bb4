package org.switchboard.assistant.internal.webhook;

import org.osgi.service.component.annotations.Component;
import org.switchboard.api.assistant.AssistantFactory;
import org.switchboard.api.assistant.VirtualAssistant;

/** Makes webhook assistants from {@code {"type": "webhook", "url": ...}} definitions; one HTTP client for all. */
@Component(service = AssistantFactory.class, property = AssistantFactory.TYPE + "=webhook")
public final class WebhookAssistantFactory implements AssistantFactory {

    @Override
    public VirtualAssistant create(String id, String definition) {
        return new WebhookAssistant(id, WebhookSettings.parse(definition), WebhookSettings.httpClient());
    }
}
