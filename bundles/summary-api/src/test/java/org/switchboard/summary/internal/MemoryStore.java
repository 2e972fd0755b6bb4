package org.switchboard.summary.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.conversation.ConversationQuery;
import org.switchboard.api.conversation.ConversationStore;
import org.switchboard.api.conversation.EndedBy;
import org.switchboard.api.conversation.SipMessageRecord;
import org.switchboard.api.conversation.Summary;
import org.switchboard.api.conversation.Turn;

/** An in-memory conversation store for the summary service's unit tests (the container tests use the real one). */
final class MemoryStore implements ConversationStore {

    final Map<String, Conversation> conversations = new HashMap<>();
    final Map<String, List<Turn>> turns = new HashMap<>();
    final Map<String, List<ConversationEvent>> events = new HashMap<>();
    final Map<String, Summary> summaries = new HashMap<>();
    int summariesSaved;

    @Override
    public void start(Conversation c) {
        conversations.put(c.sessionId(), c);
    }

    @Override
    public void answered(String sessionId, Instant at) {}

    @Override
    public void handedOff(String sessionId, Instant at) {}

    @Override
    public void end(String id, Instant at, EndedBy by, String reason) {
        Conversation c = conversations.get(id);
        conversations.put(
                id,
                new Conversation(
                        id,
                        c.callId(),
                        c.botId(),
                        c.trunkId(),
                        c.did(),
                        c.caller(),
                        c.startedAt(),
                        c.answeredAt(),
                        c.handoffAt(),
                        at,
                        by,
                        reason,
                        c.taskPath()));
    }

    @Override
    public void addTurn(Turn t) {
        turns.computeIfAbsent(t.sessionId(), k -> new ArrayList<>()).add(t);
    }

    @Override
    public void addEvent(ConversationEvent e) {
        events.computeIfAbsent(e.sessionId(), k -> new ArrayList<>()).add(e);
    }

    @Override
    public void addSipMessage(SipMessageRecord message) {}

    @Override
    public void addTask(String sessionId, String taskName) {}

    @Override
    public Optional<Conversation> bySessionId(String sessionId) {
        return Optional.ofNullable(conversations.get(sessionId));
    }

    @Override
    public Optional<Conversation> byCallId(String callId) {
        return conversations.values().stream()
                .filter(c -> c.callId().equals(callId))
                .findFirst();
    }

    @Override
    public List<Turn> turns(String sessionId, int skip, int limit) {
        List<Turn> all = turns.getOrDefault(sessionId, List.of());
        return List.copyOf(all.subList(Math.min(skip, all.size()), (int) Math.min((long) skip + limit, all.size())));
    }

    @Override
    public List<ConversationEvent> events(String sessionId) {
        return List.copyOf(events.getOrDefault(sessionId, List.of()));
    }

    @Override
    public List<SipMessageRecord> sipMessages(String sessionId) {
        return List.of();
    }

    @Override
    public List<Conversation> find(ConversationQuery query) {
        return List.of();
    }

    @Override
    public Optional<Summary> summary(String sessionId) {
        return Optional.ofNullable(summaries.get(sessionId));
    }

    @Override
    public void saveSummary(Summary summary) {
        summariesSaved++;
        summaries.put(summary.sessionId(), summary);
    }
}
