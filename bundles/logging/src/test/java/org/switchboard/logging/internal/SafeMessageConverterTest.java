package org.switchboard.logging.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

import java.util.regex.Pattern;

import org.junit.Test;

public class SafeMessageConverterTest {

    /** What the logback configuration did before: three %replace passes. */
    private static String regexes(String s) {
        return Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]")
                .matcher(s.replace("\r", "\\r").replace("\n", "\\n"))
                .replaceAll("?");
    }

    @Test
    public void aPlainMessageIsNotCopied() {
        String plain = "Session 7f3a: answered +15550100 from sip:alice@example.com\twith a tab";
        assertSame(plain, SafeMessageConverter.escape(plain));
        assertNull(SafeMessageConverter.escape(null));
    }

    @Test
    public void controlsAreEscapedAsTheRegularExpressionsDid() {
        String hostile =
                "Call-ID: flood1\u001b[2J\u0007@127.0.0.2\r\nCSeq: 1 INVITE\r\n\u0000\u007f\u0008\u000b\u000c\u001f\t end";
        assertEquals(
                "Call-ID: flood1?[2J?@127.0.0.2\\r\\nCSeq: 1 INVITE\\r\\n??????\t end",
                SafeMessageConverter.escape(hostile));
        assertEquals(regexes(hostile), SafeMessageConverter.escape(hostile));
        for (char c = 0; c < 0x100; c++) {
            String s = "a" + c + "b";
            assertEquals("char " + (int) c, regexes(s), SafeMessageConverter.escape(s));
        }
    }
}
