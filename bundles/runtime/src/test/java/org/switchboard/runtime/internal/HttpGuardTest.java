package org.switchboard.runtime.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;

public class HttpGuardTest {

    @Test
    public void ambiguousUrisAreNamed() {
        assertEquals("an encoded '/' in the path", HttpGuard.ambiguity("/api/public/bot/st-1%2F2/conversationDetails"));
        assertEquals("an encoded '.' in the path", HttpGuard.ambiguity("/system/console/%2e%2e/health"));
        assertEquals("an encoded '%' in the path", HttpGuard.ambiguity("/api/admin/flows/a%252F"));
        assertEquals("an encoded '\\' in the path", HttpGuard.ambiguity("/api/admin/flows/a%5cb"));
        assertEquals("an encoded NUL in the path", HttpGuard.ambiguity("/health%00"));
        assertEquals("a '..' segment", HttpGuard.ambiguity("/api/admin/../system/console"));
        assertEquals("a '.' segment", HttpGuard.ambiguity("/api/./admin"));
        assertEquals("an empty segment ('//')", HttpGuard.ambiguity("/api//admin/bots"));
        assertEquals("a path parameter (';')", HttpGuard.ambiguity("/api/admin/bots;x=1"));
        assertNull(HttpGuard.ambiguity("/api/admin/attachments/zcc-demo/%2B15550100"));
        assertNull(HttpGuard.ambiguity("/system/console/bundles/"));
        assertNull(HttpGuard.ambiguity("/"));
    }
}
