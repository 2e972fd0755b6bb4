package org.switchboard.assistant.internal.app;

import org.osgi.service.component.annotations.Component;
import org.switchboard.api.assistant.AssistantFactory;
import org.switchboard.api.assistant.VirtualAssistant;

/** Makes built-in app assistants from {@code {"type": "app", ...}} definitions. */
@Component(service = AssistantFactory.class, property = AssistantFactory.TYPE + "=app")
public final class AppAssistantFactory implements AssistantFactory {

    @Override
    public VirtualAssistant create(String id, String definition) {
        return new AppAssistant(id, AppModel.parse(definition));
    }
}
