package org.switchboard.runtime.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Objects;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.admin.AdminAuthenticator;

/**
 * Makes sure the Web Console never runs with its default admin/admin: sets the console's user name and a hash of
 * the administrator password (see {@link Credentials}) in its configuration. A generated password is printed once,
 * on the console only (never to the log).
 */
@Component(
        immediate = true,
        configurationPid = ConsoleCredentials.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = AdminConfig.class)
public class ConsoleCredentials implements AdminAuthenticator {

    /** The configuration PID. */
    public static final String PID = "org.switchboard.admin";

    static final String CONSOLE_PID = "org.apache.felix.webconsole.internal.servlet.OsgiManager";

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleCredentials.class);

    private final String username;
    private final String passwordHash;
    private final AdminLogins logins;
    private final ServiceRegistration<AdminAuthenticator> registration;

    @Activate
    public ConsoleCredentials(BundleContext context, AdminConfig config, @Reference ConfigurationAdmin configAdmin)
            throws IOException {
        Credentials credentials;
        try {
            credentials = Credentials.resolve(config, System.getenv(), DataDirectory.of(context));
        } catch (IllegalArgumentException e) {
            LOG.error("Administrator credentials rejected: {}", e.getMessage());
            throw e;
        }
        apply(configAdmin, credentials);
        username = credentials.username();
        passwordHash = ConsolePassword.hash(credentials.password());
        if (config.failed_logins_per_minute() < 1 || config.failed_logins_per_minute() > 1000) {
            String message = "PID " + PID + ": property 'failed.logins.per.minute' = '"
                    + config.failed_logins_per_minute() + "': must be between 1 and 1000";
            LOG.error("Administrator credentials rejected: {}", message);
            throw new IllegalArgumentException(message);
        }
        logins = new AdminLogins(config.failed_logins_per_minute());
        // registered by hand: a DS service would publish this component's configuration, password included
        registration = context.registerService(AdminAuthenticator.class, this, null);
        if (credentials.generated()) {
            // never the password itself: a terminal's output ends up in journald, docker logs, CI logs
            System.out.println("Switchboard generated the administrator password for user '" + credentials.username()
                    + "': read it from " + credentials.file() + " (owner-only)");
            LOG.info("Generated an administrator password and saved it to {}", credentials.file());
        }
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }

    @Override
    public boolean authenticate(String user, String password) {
        if (user == null || password == null) {
            return false;
        }
        boolean sameUser = java.security.MessageDigest.isEqual(
                user.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                username.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return ConsolePassword.matches(passwordHash, password) && sameUser;
    }

    @Override
    public Outcome login(String user, String password, String source) {
        return logins.attempt(user, source, System.currentTimeMillis(), () -> authenticate(user, password));
    }

    static void apply(ConfigurationAdmin configAdmin, Credentials credentials) throws IOException {
        Configuration console = configAdmin.getConfiguration(CONSOLE_PID, "?");
        Dictionary<String, Object> props = console.getProperties();
        if (props != null
                && Objects.equals(props.get("username"), credentials.username())
                && ConsolePassword.matches(String.valueOf(props.get("password")), credentials.password())) {
            return;
        }
        Dictionary<String, Object> updated = new Hashtable<>();
        if (props != null) {
            for (var keys = props.keys(); keys.hasMoreElements(); ) {
                String key = keys.nextElement();
                updated.put(key, props.get(key));
            }
        }
        updated.put("username", credentials.username());
        updated.put("password", ConsolePassword.hash(credentials.password()));
        console.update(updated);
        LOG.info("Web Console credentials set for user '{}'", credentials.username());
    }
}
