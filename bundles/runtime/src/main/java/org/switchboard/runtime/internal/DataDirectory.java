package org.switchboard.runtime.internal;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.osgi.framework.BundleContext;

/** Where Switchboard keeps its data: the {@value #PROPERTY} property, else {@code ./data}. */
final class DataDirectory {

    static final String PROPERTY = "switchboard.data";

    private DataDirectory() {}

    static Path of(BundleContext context) {
        String dir = context == null ? null : context.getProperty(PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getProperty(PROPERTY, "data");
        }
        return Paths.get(dir).toAbsolutePath().normalize();
    }
}
