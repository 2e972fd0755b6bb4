package org.switchboard.assistant.internal.websocket;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.switchboard.api.assistant.AssistantFactory;
import org.switchboard.api.assistant.VirtualAssistant;
import org.switchboard.assistant.internal.webhook.WebhookSettings;

/**
 * Makes WebSocket audio-bridge assistants from {@code {"type": "websocket", "url": "wss://..."}} definitions; one HTTP
 * client (the JDK's WebSocket client: no bundle to add) and one timer thread (each bridge's checks) for all.
 */
@Component(service = AssistantFactory.class, property = AssistantFactory.TYPE + "=websocket")
public final class WebSocketAssistantFactory implements AssistantFactory {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "websocket-bridge-timer");
        t.setDaemon(true);
        return t;
    });

    @Override
    public VirtualAssistant create(String id, String definition) {
        return new WebSocketAssistant(id, WebSocketSettings.parse(definition), WebhookSettings.httpClient(), timer);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }
}
