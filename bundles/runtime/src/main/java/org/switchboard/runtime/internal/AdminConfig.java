package org.switchboard.runtime.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Administrator credentials, PID {@value ConsoleCredentials#PID}. */
@ObjectClassDefinition(
        name = "Switchboard administrator",
        description = "Credentials of the Web Console, the admin API and the remote shell. Environment variables "
                + "SWITCHBOARD_ADMIN_USER and SWITCHBOARD_ADMIN_PASSWORD override these.")
public @interface AdminConfig {

    @AttributeDefinition(name = "User name", description = "Administrator user name.")
    String username() default "admin";

    @AttributeDefinition(
            name = "Password",
            type = AttributeType.PASSWORD,
            description = "Administrator password (at least 12 characters). Empty: use the password file, "
                    + "generating a random password on first start.")
    String password() default "";

    @AttributeDefinition(
            name = "Password file",
            description = "File holding the generated password. Empty: admin.password in the data directory.")
    String password_file() default "";

    @AttributeDefinition(
            name = "Failed logins per minute",
            description = "Failed logins with the administrator's "
                    + "credentials allowed per client address per minute, over the Web Console, the admin API and the remote "
                    + "shell together, before that address is refused until the minute is over (1-1000).")
    int failed_logins_per_minute() default 10;
}
