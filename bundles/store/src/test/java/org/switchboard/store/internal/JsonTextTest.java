package org.switchboard.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;

public class JsonTextTest {

    private static final Gson GSON = new Gson();
    private static final Type HEADERS = new TypeToken<Map<String, List<String>>>() {}.getType();
    private static final Type ATTRIBUTES = new TypeToken<Map<String, String>>() {}.getType();

    @Test
    public void headersReadBackAsTheyWereWhateverTheyHold() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Via", List.of("SIP/2.0/UDP 10.0.0.9;branch=z9hG4bK-1", "SIP/2.0/TCP 10.0.0.8"));
        headers.put("From", List.of("\"Caller \\\"Q\\\"\" <sip:+1408@zoom.example>;tag=a"));
        headers.put("X-Controls", List.of("tab\there\r\nnew\u0000nul\u001fus\u007fdel"));
        headers.put("X-Unicode", List.of("héllo 日本 \uD83D\uDE00 line\u2028sep", "<html>&'="));
        headers.put("X-Empty", List.of(""));
        headers.put("X-None", List.of());
        String json = JsonText.of(headers);
        Map<String, List<String>> read = GSON.fromJson(json, HEADERS);
        Map<String, List<String>> readGsons = GSON.fromJson(GSON.toJson(headers), HEADERS);
        assertEquals(headers, read);
        assertEquals("what Gson writes reads back the same", readGsons, read);
    }

    @Test
    public void attributesReadBackAndANullValueIsLeftOutAsGsonDoes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("reason", "TransferToAgent");
        attributes.put("gone", null);
        attributes.put("quote", "say \"agent\"\\");
        String json = JsonText.of(attributes);
        assertEquals("{\"reason\":\"TransferToAgent\",\"quote\":\"say \\\"agent\\\"\\\\\"}", json);
        Map<String, String> read = GSON.fromJson(json, ATTRIBUTES);
        assertEquals(GSON.toJson(attributes), GSON.toJson(read));
        assertEquals("{}", JsonText.of(Map.of()));
    }

    @Test
    public void anythingButStringsAndListsOfThemIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> JsonText.of(Map.of("n", 1)));
    }
}
