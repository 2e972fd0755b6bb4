package org.switchboard.api.media;

/**
 * Counters of one media session.
 *
 * @param packetsIn RTP packets accepted
 * @param packetsOut RTP packets sent
 * @param late packets that arrived after their turn was played out (dropped)
 * @param lost sequence numbers never received
 * @param dropped packets refused: wrong source, payload type, size or version
 * @param dtmfEvents DTMF digits received
 */
public record MediaStats(long packetsIn, long packetsOut, long late, long lost, long dropped, long dtmfEvents) {}
