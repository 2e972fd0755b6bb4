package org.switchboard.runtime.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Test;

public class ClassArchiveLinkerTest {

    @Test
    public void onlyClassesReadFromBundlesAreListed() {
        List<String> log = List.of(
                "java.lang.Object source: shared objects file",
                "java.lang.invoke.LambdaForm$MH/0x00007f0a50000400 source: __JVM_LookupDefineClass__",
                "org.osgi.framework.BundleException source: file:/data/tmp/resource398.jar",
                "org.h2.command.ddl.CreateTable source: jar:jar/h2-2.3.232.jar",
                "[0.662s][info][class,load] org.osgi.service.cm.ConfigurationListener source: jar:jar/cm.jar",
                "ch.qos.logback.core.ContextBase$$Lambda$87/0x00007f0a50025700 source: ch.qos.logback.core.ContextBase",
                "java.util.HashMap source: jrt:/java.base",
                "org.h2.command.ddl.CreateTable source: jar:jar/h2-2.3.232.jar",
                "garbage line");
        assertEquals(
                List.of("org.h2.command.ddl.CreateTable", "org.osgi.service.cm.ConfigurationListener"),
                List.copyOf(ClassArchiveLinker.fromBundles(log)));
    }
}
