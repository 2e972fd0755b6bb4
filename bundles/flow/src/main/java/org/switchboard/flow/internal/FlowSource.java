package org.switchboard.flow.internal;

import java.util.Map;
import java.util.Optional;

import org.switchboard.flow.internal.model.Flow;
import org.switchboard.flow.internal.runtime.Assistants;

/**
 * What the flow runtime takes from the workspace registry (a service inside this bundle): the flows and header sets
 * in force, and the installed assistants their automation nodes call.
 */
interface FlowSource {

    /** The flow with this id in the workspace in force. */
    Optional<Flow> flow(String flowId);

    /** The workspace's named header sets. */
    Map<String, Map<String, String>> headerSets();

    /** The assistants installed now (the registry tracks them for validation too). */
    Assistants assistants();
}
