package org.switchboard.flow.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.bot.Bot;
import org.switchboard.api.bot.BotRepository;
import org.switchboard.flow.internal.model.Flow;
import org.switchboard.flow.internal.workspace.BotSpec;
import org.switchboard.flow.internal.workspace.Workspace;

/** The store's bot records of a workspace: created or updated when it is put in force, listed when exported. */
final class WorkspaceBots {

    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceBots.class);

    private WorkspaceBots() {}

    /**
     * Every bot the workspace names has a record in the store: a bot in the {@code bots} list is created or updated
     * to its name and summary settings; a bot only named by a flow is created (named after the flow) when missing.
     */
    static void ensure(BotRepository r, Workspace w) {
        if (r == null) {
            return;
        }
        try {
            for (BotSpec spec : w.bots().values()) {
                Bot existing = r.bot(spec.id()).orElse(null);
                Bot wanted = new Bot(
                        spec.id(),
                        spec.name(),
                        spec.summaryEnabled(),
                        spec.summarizer(),
                        existing == null ? java.time.Instant.now() : existing.createdAt());
                if (!wanted.equals(existing)) {
                    r.saveBot(wanted);
                    LOG.info(
                            "Bot {} ('{}') {} from the workspace",
                            spec.id(),
                            spec.name(),
                            existing == null ? "created" : "updated");
                }
            }
            for (Flow f : w.flows().values()) {
                if (f.botId() != null
                        && !w.bots().containsKey(f.botId())
                        && r.bot(f.botId()).isEmpty()) {
                    r.saveBot(new Bot(f.botId(), f.name(), true, null, java.time.Instant.now()));
                    LOG.info("Bot {} created for flow '{}' (name it in the workspace's bots list)", f.botId(), f.id());
                }
            }
        } catch (RuntimeException e) {
            LOG.error("The workspace's bots could not be saved to the store: {}", e.getMessage());
        }
    }

    /** The bots to export with {@code w}: the store's (when present), the workspace's, and one per flow's bot. */
    static List<BotSpec> specs(BotRepository r, Workspace w) {
        Map<String, BotSpec> specs = new LinkedHashMap<>(w.bots());
        if (r != null) {
            for (Bot b : r.bots()) {
                specs.put(b.botId(), new BotSpec(b.botId(), b.name(), b.summaryEnabled(), b.summarizer()));
            }
        }
        for (Flow f : w.flows().values()) {
            if (f.botId() != null) {
                specs.putIfAbsent(f.botId(), new BotSpec(f.botId(), f.name(), true, "builtin"));
            }
        }
        return List.copyOf(specs.values());
    }
}
