import java.lang.instrument.Instrumentation;
public class LinkAgent {
    public static void premain(String args, Instrumentation inst) {
        Thread t = new Thread(() -> {
            try { Thread.sleep(Long.parseLong(args == null ? "8000" : args)); } catch (InterruptedException e) { return; }
            int n = 0, failed = 0;
            for (Class<?> c : inst.getAllLoadedClasses()) {
                ClassLoader l = c.getClassLoader();
                if (l == null || l == ClassLoader.getSystemClassLoader() || l == ClassLoader.getPlatformClassLoader()) continue;
                try { c.getDeclaredConstructors(); n++; } catch (Throwable e) { failed++; }
            }
            System.err.println("LinkAgent: linked " + n + " classes, " + failed + " failed");
        }, "link-agent");
        t.setDaemon(true);
        t.start();
    }
}
