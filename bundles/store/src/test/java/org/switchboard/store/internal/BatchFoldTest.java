package org.switchboard.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.EndedBy;
import org.switchboard.api.conversation.SipMessageRecord;

public class BatchFoldTest {

    private static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_000L);

    @Test
    public void aSessionsAnswerAndEndAfterItsStartJoinTheStartAndEverythingElseKeepsItsPlace() {
        Recorded sip = Recorded.sipMessage(new SipMessageRecord("a", T0, Direction.INCOMING, "INVITE", Map.of()));
        Recorded otherEnd = Recorded.end("b", T0.plusMillis(2), EndedBy.CALLER, "BYE");
        Recorded event = Recorded.task("a", "greeting");
        List<Recorded> plan = BatchFold.fold(List.of(
                Recorded.start(started("a")),
                sip,
                Recorded.answered("a", T0.plusMillis(1)),
                otherEnd,
                event,
                Recorded.end("a", T0.plusMillis(3), EndedBy.BOT, "HangUp"),
                Recorded.start(started("c"))));
        assertEquals(5, plan.size());
        Conversation a = plan.get(0).started();
        assertEquals(T0.plusMillis(1), a.answeredAt());
        assertEquals(T0.plusMillis(3), a.endedAt());
        assertEquals(EndedBy.BOT, a.endedBy());
        assertEquals("HangUp", a.endReason());
        assertSame(sip, plan.get(1));
        assertSame("a session not started in the batch is updated as it came", otherEnd, plan.get(2));
        assertSame(event, plan.get(3));
        assertNull(plan.get(4).started().answeredAt());
    }

    @Test
    public void aBatchWithoutAStartIsLeftAsItIs() {
        List<Recorded> batch =
                List.of(Recorded.answered("a", T0), Recorded.end("a", T0.plusMillis(1), EndedBy.CALLER, "BYE"));
        assertSame(batch, BatchFold.fold(batch));
    }

    @Test
    public void theJournalLineOfAFoldedStartIsThatOfTheStartWithItsTimes() {
        Recorded folded = BatchFold.fold(
                        List.of(Recorded.start(started("a")), Recorded.answered("a", T0.plusMillis(5))))
                .get(0);
        Recorded back = Recorded.parse(folded.toLine());
        assertEquals("start", back.op());
        assertEquals(T0.plusMillis(5), back.started().answeredAt());
    }

    private static Conversation started(String id) {
        return new Conversation(
                id, "call-" + id, null, "t", "+1555", "+1408", T0, null, null, null, null, null, List.of("intent"));
    }
}
