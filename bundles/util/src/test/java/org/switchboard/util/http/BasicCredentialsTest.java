package org.switchboard.util.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.Test;

public class BasicCredentialsTest {

    private static String basic(String text) {
        return "Basic " + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void aBasicHeaderGivesItsUserAndPasswordAndNothingElseDoes() {
        assertEquals(
                new BasicCredentials("admin", "pä:ss"),
                BasicCredentials.of(basic("admin:pä:ss")).orElseThrow());
        assertEquals(
                new BasicCredentials("admin", ""),
                BasicCredentials.of(basic("admin")).orElseThrow());
        assertEquals(
                new BasicCredentials("", ""),
                BasicCredentials.of("basic !!not-base64").orElseThrow());
        assertFalse(BasicCredentials.of("Bearer abc").isPresent());
        assertFalse(BasicCredentials.of(null).isPresent());
        assertTrue(
                "the password is not printed",
                !BasicCredentials.of(basic("admin:s3cret"))
                        .orElseThrow()
                        .toString()
                        .contains("s3cret"));
    }
}
