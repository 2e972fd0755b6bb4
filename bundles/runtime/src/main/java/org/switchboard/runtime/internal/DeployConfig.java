package org.switchboard.runtime.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the deploy directory, PID {@value DeployDirectory#PID}. */
@ObjectClassDefinition(
        name = "Switchboard deploy directory",
        description =
                "Bundles dropped in a directory are installed, replaced by newer versions, removed with their file.")
public @interface DeployConfig {

    @AttributeDefinition(
            name = "Directory",
            description = "Watched directory. Empty: 'deploy' next to the data " + "directory.")
    String dir() default "";

    @AttributeDefinition(
            name = "Poll interval",
            description = "Milliseconds between two looks at the directory " + "(100-60000).")
    int poll_interval_ms() default 1000;
}
