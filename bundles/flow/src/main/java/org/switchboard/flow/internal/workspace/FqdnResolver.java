package org.switchboard.flow.internal.workspace;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * Resolves a trunk's FQDN to the addresses its INVITEs may come from: its A/AAAA records, or (RFC 3263) the targets
 * of its SIP SRV records for the trunk's transport ({@code _sip._udp}, {@code _sip._tcp}, {@code _sips._tcp}) and
 * their A/AAAA records, falling back to the FQDN's own records when it has no SRV records. Uses the system resolver
 * for A/AAAA unless a DNS server is configured; SRV always goes through the JDK's DNS client.
 */
public final class FqdnResolver {

    private final String server;

    /** @param server {@code host[:port]} of the DNS server to ask, or empty for the system's */
    public FqdnResolver(String server) {
        this.server = server == null ? "" : server.trim();
    }

    /** The addresses of {@code t}'s FQDN; empty when it has none. */
    public List<InetAddress> resolve(Trunk t) throws NamingException, UnknownHostException {
        if (t.resolve().equals("srv")) {
            List<String> targets = srvTargets(srvName(t));
            if (!targets.isEmpty()) {
                Set<InetAddress> all = new LinkedHashSet<>();
                for (String target : targets) {
                    all.addAll(addresses(target));
                }
                return List.copyOf(all);
            }
        }
        return addresses(t.fqdn());
    }

    static String srvName(Trunk t) {
        String fqdn = t.fqdn().endsWith(".") ? t.fqdn().substring(0, t.fqdn().length() - 1) : t.fqdn();
        return switch (t.transport()) {
            case "tcp" -> "_sip._tcp." + fqdn;
            case "tls" -> "_sips._tcp." + fqdn;
            default -> "_sip._udp." + fqdn;
        };
    }

    /** SRV targets, best first (lowest priority, then highest weight). */
    private List<String> srvTargets(String name) throws NamingException {
        List<String[]> records = new ArrayList<>();
        for (String value : lookup(name, "SRV")) {
            String[] f = value.trim().split("\\s+"); // priority weight port target
            if (f.length == 4 && !f[3].equals(".")) {
                records.add(f);
            }
        }
        records.sort((a, b) -> a[0].equals(b[0])
                ? Integer.compare(Integer.parseInt(b[1]), Integer.parseInt(a[1]))
                : Integer.compare(Integer.parseInt(a[0]), Integer.parseInt(b[0])));
        List<String> targets = new ArrayList<>();
        for (String[] r : records) {
            targets.add(r[3].endsWith(".") ? r[3].substring(0, r[3].length() - 1) : r[3]);
        }
        return targets;
    }

    private List<InetAddress> addresses(String host) throws NamingException, UnknownHostException {
        if (server.isEmpty()) {
            return List.copyOf(Arrays.asList(InetAddress.getAllByName(host)));
        }
        List<InetAddress> out = new ArrayList<>();
        for (String type : new String[] {"A", "AAAA"}) {
            for (String value : lookup(host, type)) {
                out.add(InetAddress.getByName(value.trim()));
            }
        }
        if (out.isEmpty()) {
            throw new UnknownHostException(host + " has no A or AAAA records");
        }
        return out;
    }

    private List<String> lookup(String name, String type) throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
        env.put(Context.PROVIDER_URL, server.isEmpty() ? "dns:" : "dns://" + server);
        env.put("com.sun.jndi.dns.timeout.initial", "2000");
        env.put("com.sun.jndi.dns.timeout.retries", "2");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ClassLoader.getSystemClassLoader()); // the JDK's DNS provider, also inside OSGi
        DirContext ctx = null;
        try {
            ctx = new InitialDirContext(env);
            Attributes attrs = ctx.getAttributes(name, new String[] {type});
            Attribute a = attrs.get(type);
            List<String> values = new ArrayList<>();
            if (a != null) {
                NamingEnumeration<?> e = a.getAll();
                while (e.hasMore()) {
                    values.add(e.next().toString());
                }
            }
            return values;
        } catch (NameNotFoundException e) {
            return List.of();
        } finally {
            if (ctx != null) {
                ctx.close();
            }
            thread.setContextClassLoader(previous);
        }
    }
}
