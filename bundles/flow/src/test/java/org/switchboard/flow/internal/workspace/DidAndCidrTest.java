package org.switchboard.flow.internal.workspace;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.util.Optional;

import org.junit.Test;

public class DidAndCidrTest {

    @Test
    public void didsMatchWithOrWithoutPlusAndSeparators() {
        assertEquals(Optional.of("+15550100"), Did.normalize("+15550100"));
        assertEquals(Optional.of("+15550100"), Did.normalize("15550100"));
        assertEquals(Optional.of("+15550100"), Did.normalize("+1 (555) 01-00"));
        assertEquals(Optional.of("+15550100"), Did.normalize("+15550100;user=phone"));
        assertEquals(Optional.of("+15550100"), Did.normalize("tel:+1.555.0100"));
        assertEquals(Optional.of("+4930123456"), Did.normalize("004930123456"));
    }

    @Test
    public void nonNumbersAreNotDids() {
        assertTrue(Did.normalize("support").isEmpty());
        assertTrue(Did.normalize("+12").isEmpty());
        assertTrue(Did.normalize("+1234567890123456").isEmpty());
        assertTrue(Did.normalize(null).isEmpty());
        assertTrue(Did.normalize("+1555x0100").isEmpty());
    }

    @Test
    public void cidrContains() throws Exception {
        Cidr net = Cidr.parse("10.1.0.0/16");
        assertTrue(net.contains(InetAddress.getByName("10.1.200.7")));
        assertFalse(net.contains(InetAddress.getByName("10.2.0.1")));
        assertTrue(Cidr.parse("127.0.0.1").contains(InetAddress.getByName("127.0.0.1")));
        assertFalse(Cidr.parse("127.0.0.1").contains(InetAddress.getByName("127.0.0.2")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.9")));
        assertTrue(Cidr.parse("2001:db8::/32").contains(InetAddress.getByName("2001:db8:1::5")));
        assertFalse(Cidr.parse("2001:db8::/32").contains(InetAddress.getByName("10.1.0.1")));
        assertTrue(Cidr.parse("10.0.0.0/8").contains(InetAddress.getByName("::ffff:10.9.9.9")));
        assertEquals(Cidr.parse("10.1.2.3/16"), Cidr.parse("10.1.0.0/16"));
    }

    @Test
    public void badBlocksAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("zoom.example.com"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.256"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/x"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(""));
    }
}
