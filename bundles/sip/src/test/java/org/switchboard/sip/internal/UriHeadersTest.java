package org.switchboard.sip.internal;

import static org.junit.Assert.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.sip.address.URI;

import org.junit.Test;

import gov.nist.javax.sip.address.AddressFactoryImpl;

/** Headers embedded in a Refer-To URI: escaped as RFC 3261's hvalue asks, and kept by the stack's own parser. */
public class UriHeadersTest {

    @Test
    public void separatorsAndNonAsciiAreEscapedTheRestKept() {
        assertEquals("00FA1B%3Bencoding%3Dhex", UriHeaders.escape("00FA1B;encoding=hex"));
        assertEquals("a%20b%26c%25d%3C%3E%22", UriHeaders.escape("a b&c%d<>\""));
        assertEquals("[]/?:+$-_.!~*'()", UriHeaders.escape("[]/?:+$-_.!~*'()"));
        assertEquals("%C3%A9", UriHeaders.escape("\u00e9"));
    }

    @Test
    public void aSipTargetTakesThemInItsUriAndATelTargetGivesThemBack() throws Exception {
        AddressFactoryImpl addresses = new AddressFactoryImpl();
        URI sip = addresses.createURI("sip:+15557000@edge.example.com");
        Map<String, String> uui = new LinkedHashMap<>();
        uui.put("User-to-User", "00FA1B;encoding=hex");
        assertEquals(Map.of(), ReferTransfer.embed(sip, uui));
        String referTo = addresses.createAddress(sip).toString();
        assertEquals("<sip:+15557000@edge.example.com?User-to-User=00FA1B%3Bencoding%3Dhex>", referTo);
        URI parsed = addresses.createAddress(referTo).getURI();
        assertEquals(
                "the stack reads it back",
                "00FA1B%3Bencoding%3Dhex",
                ((javax.sip.address.SipURI) parsed).getHeader("User-to-User"));

        URI tel = addresses.createURI("tel:+15557000");
        assertEquals("a tel URI has no headers: they go on the REFER", uui, ReferTransfer.embed(tel, uui));
        assertEquals(Map.of(), ReferTransfer.embed(sip, Map.of()));
    }
}
