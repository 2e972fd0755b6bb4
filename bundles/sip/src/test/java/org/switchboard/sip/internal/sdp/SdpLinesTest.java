package org.switchboard.sip.internal.sdp;

import static org.junit.Assert.assertArrayEquals;

import org.junit.Test;

public class SdpLinesTest {

    @Test
    public void linesAreSplitAsTheRegexSplitDoes() {
        String[] bodies = {
            "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n",
            "v=0\no=x\n\n\n",
            "\r\nv=0\r\n\r\nm=audio 4000 RTP/AVP 0",
            "v=0\rstill one line\r\n",
            "v=0",
            "\n",
            "\r\n\r\n",
            "a\r\r\nb\n\rc",
            "x\n\ny"
        };
        for (String b : bodies) {
            assertArrayEquals(b, b.split("\r?\n"), SdpOffer.lines(b));
        }
    }
}
