package org.switchboard.media.internal.rtp;

/**
 * An RFC 4733 telephone-event payload: event code, end bit, volume and duration in timestamp units.
 *
 * @param event 0-9 digits, 10 '*', 11 '#', 12-15 'A'-'D'
 * @param end the E bit
 * @param volume 0-63 (-dBm0)
 * @param duration in timestamp units (8 kHz: 8 per millisecond)
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {

    private static final String DIGITS = "0123456789*#ABCD";

    /** Reads a 4-byte payload, or {@code null} when it is too short or not a DTMF event (0-15). */
    public static TelephoneEvent parse(byte[] payload) {
        if (payload.length < 4) {
            return null;
        }
        int event = payload[0] & 0xFF;
        if (event > 15) {
            return null;
        }
        return new TelephoneEvent(
                event, (payload[1] & 0x80) != 0, payload[1] & 0x3F, ((payload[2] & 0xFF) << 8) | (payload[3] & 0xFF));
    }

    /** The 4-byte payload. */
    public byte[] encode() {
        return new byte[] {
            (byte) event, (byte) ((end ? 0x80 : 0) | (volume & 0x3F)), (byte) (duration >> 8), (byte) duration
        };
    }

    /** The digit for this event. */
    public char digit() {
        return DIGITS.charAt(event);
    }

    /** The event code of a DTMF digit, or -1. */
    public static int code(char digit) {
        return DIGITS.indexOf(Character.toUpperCase(digit));
    }
}
