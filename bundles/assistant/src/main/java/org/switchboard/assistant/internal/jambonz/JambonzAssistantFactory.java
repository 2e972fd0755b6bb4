package org.switchboard.assistant.internal.jambonz;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.switchboard.api.assistant.AssistantFactory;
import org.switchboard.api.assistant.VirtualAssistant;
import org.switchboard.api.speech.SpeechSynthesizer;
import org.switchboard.assistant.internal.webhook.Definitions;
import org.switchboard.assistant.internal.webhook.WebhookSettings;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Makes jambonz-compatible assistants from {@code {"type": "jambonz", "url": ...}} definitions (the call webhook's
 * URL, with the webhook assistant's {@code timeoutMs}, {@code headers} and fallback settings); one HTTP client and one
 * cache of the audio applications play from URLs (in the temporary directory, emptied when the component stops) for
 * all. The installed synthesizers' voices are the ones an application's {@code synthesizer.voice} may choose.
 */
@Component(service = AssistantFactory.class, property = AssistantFactory.TYPE + "=jambonz")
public final class JambonzAssistantFactory implements AssistantFactory {

    private final AudioCache audio = new AudioCache(
            WebhookSettings::httpClient,
            java.nio.file.Path.of(
                    System.getProperty("java.io.tmpdir"),
                    "switchboard-jambonz-audio-" + ProcessHandle.current().pid()));

    private final Map<SpeechSynthesizer, List<String>> synthesizers = new ConcurrentHashMap<>();

    /**
     * The definition: the webhook assistant's fields, and {@code statusUrl}, the application's call status webhook
     * (optional).
     */
    @Override
    public VirtualAssistant create(String id, String definition) {
        JsonObject o;
        try {
            o = JsonParser.parseString(definition).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("$: not a JSON object");
        }
        URI status = null;
        JsonElement s = o.remove("statusUrl");
        if (s != null) {
            JsonObject u = new JsonObject();
            u.add("url", s);
            try {
                status = Definitions.url(u, "http", "https");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage().replace("$.url", "$.statusUrl"));
            }
        }
        return new JambonzAssistant(
                id, WebhookSettings.parse(o.toString()), status, WebhookSettings.httpClient(), audio, this::voices);
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSynthesizer(SpeechSynthesizer s, Map<String, Object> properties) {
        synthesizers.put(s, SpeechSynthesizer.voices(properties));
    }

    void unbindSynthesizer(SpeechSynthesizer s) {
        synthesizers.remove(s);
    }

    private Set<String> voices() {
        Set<String> all = new TreeSet<>();
        synthesizers.values().forEach(all::addAll);
        return all;
    }

    @org.osgi.service.component.annotations.Deactivate
    void deactivate() {
        audio.clear();
    }
}
