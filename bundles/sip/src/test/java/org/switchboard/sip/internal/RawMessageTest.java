package org.switchboard.sip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.List;

import org.junit.Test;

public class RawMessageTest {

    @Test
    public void readsTheStartLineAndEachFieldAsWritten() {
        RawMessage m = RawMessage.of("INVITE sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
                + "To : <sip:a@example.com>\r\nContent-Length: 4\r\n\r\nbody");
        assertEquals("INVITE sip:a@example.com SIP/2.0", m.startLine());
        assertEquals(
                List.of("Via: SIP/2.0/UDP h;branch=z9hG4bK1", "To : <sip:a@example.com>", "Content-Length: 4"),
                m.fields());
        assertEquals(List.of("Via", "To", "Content-Length"), m.names());
        assertEquals("INVITE", m.method());
        assertEquals(4, m.contentLength());
    }

    @Test
    public void foldsContinuationLinesIntoTheirFieldAndTakesBareLineFeeds() {
        RawMessage m = RawMessage.of("SIP/2.0 200 OK\nSubject: one\n   two  \n\tthree\nCall-ID: x\r\n\r\n");
        assertEquals(List.of("Subject: one two three", "Call-ID: x"), m.fields());
        assertNull(m.method());
    }

    @Test
    public void aContinuationWithNoFieldBeforeItIsAFieldOfItsOwn() {
        RawMessage m = RawMessage.of("OPTIONS sip:a SIP/2.0\r\n folded: first\r\nTo: <sip:a>\r\n\r\n");
        assertEquals(List.of(" folded: first", "To: <sip:a>"), m.fields());
        assertEquals(List.of("folded", "To"), m.names());
    }

    @Test
    public void findsFieldsByNameOrCompactFormInAnyCase() {
        RawMessage m = RawMessage.of("OPTIONS sip:a SIP/2.0\r\nfrom: <sip:b>;tag=1\r\nF :<sip:c>\r\nFROMX: y\r\n"
                + "To: <sip:a>\r\nnocolon\r\n\r\n");
        assertEquals(List.of("from: <sip:b>;tag=1", "F :<sip:c>"), m.fields("From", "f"));
        assertEquals(List.of("To: <sip:a>"), m.fields("To", "t"));
        assertEquals(List.of("nocolon"), m.fields("NoColon", null));
        assertEquals(List.of(), m.fields("Call-ID", "i"));
    }

    @Test
    public void contentLengthIsMinusOneUnlessThereIsExactlyOneValidValue() {
        assertEquals(-1, RawMessage.of("BYE sip:a SIP/2.0\r\n\r\n").contentLength());
        assertEquals(12, RawMessage.of("BYE sip:a SIP/2.0\r\nl: 12\r\n\r\n").contentLength());
        assertEquals(
                -1,
                RawMessage.of("BYE sip:a SIP/2.0\r\nl: 1\r\nContent-Length: 1\r\n\r\n")
                        .contentLength());
        assertEquals(
                -1,
                RawMessage.of("BYE sip:a SIP/2.0\r\nContent-Length: 1x\r\n\r\n").contentLength());
        assertEquals(
                -1,
                RawMessage.of("BYE sip:a SIP/2.0\r\nContent-Length: 1234567890\r\n\r\n")
                        .contentLength());
    }

    @Test
    public void aMessageWithoutAnEmptyLineOrWithoutAnythingStillReads() {
        RawMessage cut = RawMessage.of("ACK sip:a SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nCSeq: 1 ACK");
        assertEquals(List.of("Via: SIP/2.0/UDP h", "CSeq: 1 ACK"), cut.fields());
        RawMessage empty = RawMessage.of("");
        assertEquals("", empty.startLine());
        assertEquals(0, empty.headerCount());
        RawMessage lineOnly = RawMessage.of("\r\n");
        assertEquals("", lineOnly.startLine());
        assertEquals(0, lineOnly.headerCount());
    }
}
