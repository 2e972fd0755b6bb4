package org.switchboard.flow.internal.routing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.Test;
import org.switchboard.api.adapter.CallPolicy;
import org.switchboard.api.adapter.ContactCenterAdapter;
import org.switchboard.api.adapter.InboundCall;

public class AdapterDirectoryTest {

    /** An adapter of {@code type} that takes no call: routing only compares them. */
    static ContactCenterAdapter adapter(String type) {
        return new ContactCenterAdapter() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public CallPolicy policyFor(InboundCall call) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    public void highestRankingWinsThenTheOldestAndRemovalFallsBack() {
        AdapterDirectory d = new AdapterDirectory();
        ContactCenterAdapter old = adapter("zcc");
        ContactCenterAdapter upgraded = adapter("zcc");
        ContactCenterAdapter other = adapter("genesys");
        d.add(old, Map.of("adapter.type", "zcc", "service.id", 5L));
        d.add(other, Map.of("adapter.type", "genesys", "service.id", 6L, "service.ranking", 100));
        assertEquals(old, d.forType("zcc").orElseThrow());
        d.add(upgraded, Map.of("adapter.type", "zcc", "service.id", 9L, "service.ranking", 10));
        assertEquals(upgraded, d.forType("zcc").orElseThrow());
        d.remove(upgraded);
        assertEquals(old, d.forType("zcc").orElseThrow());
        d.remove(old);
        assertTrue(d.forType("zcc").isEmpty());
        assertEquals(other, d.forType("genesys").orElseThrow());
    }
}
