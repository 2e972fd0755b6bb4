package org.switchboard.shell.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.admin.AdminAuthenticator;

/**
 * The container's Gogo shell over TCP for operators who are not at the container's terminal: off unless enabled,
 * on 127.0.0.1 by default, one command per line after the administrator's user name and password (three attempts).
 * Nothing is encrypted: reach it over SSH port forwarding from elsewhere.
 */
@Component(
        immediate = true,
        configurationPid = RemoteShell.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {})
@Designate(ocd = RemoteShellConfig.class)
public final class RemoteShell {

    /** The configuration PID. */
    public static final String PID = "org.switchboard.shell.remote";

    private static final Logger LOG = LoggerFactory.getLogger(RemoteShell.class);
    private static final int MAX_LINE = 8192;

    private final CommandProcessor processor;
    private final AdminAuthenticator authenticator;
    private final RemoteShellConfig config;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    @Activate
    public RemoteShell(
            RemoteShellConfig config,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
                    CommandProcessor processor,
            @Reference AdminAuthenticator authenticator)
            throws IOException {
        this.processor = processor;
        this.authenticator = authenticator;
        this.config = config;
        if (!config.enabled()) {
            server = null;
            return;
        }
        if (processor == null) {
            server = null;
            LOG.error(
                    "Remote shell not started: there is no Gogo shell runtime (bundle org.apache.felix.gogo.runtime)");
            return;
        }
        if (config.port() < 1 || config.port() > 65535 || config.max_sessions() < 1 || config.idle_timeout_s() < 1) {
            IllegalArgumentException e = new IllegalArgumentException("PID " + PID + ": 'port' must be 1-65535, "
                    + "'max.sessions' and 'idle.timeout.s' at least 1 (port " + config.port() + ", max.sessions "
                    + config.max_sessions() + ", idle.timeout.s " + config.idle_timeout_s() + ")");
            LOG.error("Remote shell not started: {}", e.getMessage());
            throw e;
        }
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(config.address()), config.port()), 8);
        } catch (IOException e) {
            LOG.error(
                    "Remote shell not started: cannot listen on {}:{}: {}",
                    config.address(),
                    config.port(),
                    e.getMessage());
            throw e;
        }
        Thread accept = new Thread(this::accept, "remote-shell");
        accept.setDaemon(true);
        accept.start();
        LOG.info("Remote shell listening on {}:{} (administrator login)", config.address(), config.port());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                if (open.size() >= config.max_sessions()) {
                    s.getOutputStream()
                            .write(("Too many shell sessions (" + config.max_sessions() + "); try later.\r\n")
                                    .getBytes(StandardCharsets.UTF_8));
                    s.close();
                    continue;
                }
                open.add(s);
                Thread t = new Thread(() -> serve(s), "remote-shell-" + s.getPort());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warn("Remote shell: {}", e.toString());
                }
            }
        }
    }

    private void serve(Socket socket) {
        String peer = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
        try (socket) {
            socket.setSoTimeout(config.idle_timeout_s() * 1000);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            PrintStream out = new PrintStream(socket.getOutputStream(), true, StandardCharsets.UTF_8);
            out.print("Switchboard shell\r\n");
            if (!login(in, out, peer)) {
                return;
            }
            LOG.info("Remote shell: administrator logged in from {}", peer);
            out.print("Logged in. Type 'help sb' for the Switchboard commands, 'exit' to leave.\r\n");
            CommandSession session = processor.createSession(InputStream.nullInputStream(), out, out);
            try {
                while (true) {
                    out.print("sb> ");
                    out.flush();
                    String line = readLine(in);
                    if (line == null || Set.of("exit", "quit", "logout").contains(line.trim())) {
                        break;
                    }
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        Object result = session.execute(line);
                        if (result != null) {
                            out.print(String.valueOf(session.format(result, Converter.INSPECT))
                                            .replace("\n", "\r\n") + "\r\n");
                        }
                    } catch (Exception e) {
                        out.print("error: " + e.getMessage() + "\r\n");
                    }
                }
            } finally {
                session.close();
            }
            LOG.info("Remote shell: {} logged out", peer);
        } catch (SocketTimeoutException e) {
            LOG.info("Remote shell: {} idle for {} s, closed", peer, config.idle_timeout_s());
        } catch (IOException e) {
            LOG.debug("Remote shell: {} dropped: {}", peer, e.toString());
        } finally {
            open.remove(socket);
        }
    }

    private boolean login(BufferedReader in, PrintStream out, String peer) throws IOException {
        for (int attempt = 1; attempt <= 3; attempt++) {
            out.print("login: ");
            out.flush();
            String user = readLine(in);
            out.print("password: ");
            out.flush();
            String password = readLine(in);
            if (user == null || password == null) {
                return false;
            }
            switch (authenticator.login(user.trim(), password, peer.substring(0, peer.lastIndexOf(':')))) {
                case ACCEPTED:
                    return true;
                case BLOCKED:
                    out.print("Too many failed logins: wait a minute.\r\n");
                    return false;
                default:
                    out.print("Login incorrect.\r\n");
            }
        }
        return false;
    }

    private static String readLine(BufferedReader in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (c != '\r' && b.length() < MAX_LINE) {
                b.append((char) c);
            }
        }
        return c < 0 && b.length() == 0 ? null : b.toString();
    }

    @Deactivate
    void deactivate() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("Remote shell: {}", e.toString());
        }
        open.forEach(s -> {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("Remote shell: {}", e.toString());
            }
        });
        LOG.info("Remote shell stopped");
    }
}
