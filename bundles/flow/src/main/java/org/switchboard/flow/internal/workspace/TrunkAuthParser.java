package org.switchboard.flow.internal.workspace;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.switchboard.api.store.TrunkAuth;
import org.switchboard.flow.internal.model.JsonFields;
import org.switchboard.flow.internal.model.Problem;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A trunk's {@code auth}: {@code username}, {@code passwordFile}, and optionally {@code realm} and
 * {@code algorithms}. The password itself is never in a workspace; a document that tries to carry one is told where
 * it belongs.
 */
final class TrunkAuthParser {

    private static final Set<String> FIELDS = Set.of("username", "passwordFile", "realm", "algorithms");
    /** A quoted-string's characters without quote, backslash or control characters. */
    private static final String USERNAME = "[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,64}";

    private static final String REALM =
            "[\\x21\\x23-\\x5B\\x5D-\\x7E]([\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]{0,62}[\\x21\\x23-\\x5B\\x5D-\\x7E])?";

    private TrunkAuthParser() {}

    /** The trunk's digest authentication, or {@code null} when it has none or it is not valid (problems added). */
    static TrunkAuth parse(JsonObject trunk, String trunkPath, List<Problem> problems) {
        JsonElement e = trunk.get("auth");
        if (e == null || e.isJsonNull()) {
            return null;
        }
        String path = trunkPath + ".auth";
        if (!e.isJsonObject()) {
            problems.add(new Problem(path, null, "must be an object with username and passwordFile"));
            return null;
        }
        int before = problems.size();
        JsonObject o = e.getAsJsonObject();
        for (String key : o.keySet()) {
            if (key.equalsIgnoreCase("password") || key.equalsIgnoreCase("secret")) {
                problems.add(new Problem(
                        path + "." + key,
                        null,
                        "a password is never written in a workspace: put it in "
                                + "a file on the gateway's host and name that file in passwordFile"));
            } else if (!FIELDS.contains(key)) {
                problems.add(new Problem(
                        path + "." + key, null, "unknown field; auth has " + String.join(", ", new TreeSet<>(FIELDS))));
            }
        }
        String username = JsonFields.string(o, "username", path, null, problems);
        if (username == null && !o.has("username")) {
            problems.add(new Problem(path + ".username", null, "missing: the user name the peer authenticates as"));
        } else if (username != null && !username.matches(USERNAME)) {
            problems.add(new Problem(path + ".username", null, "must be 1-64 visible characters without \" or \\"));
        }
        String file = JsonFields.string(o, "passwordFile", path, null, problems);
        if (file == null && !o.has("passwordFile")) {
            problems.add(new Problem(
                    path + ".passwordFile",
                    null,
                    "missing: the absolute path of the file that holds " + "the password"));
        } else if (file != null && !absolute(file)) {
            problems.add(new Problem(path + ".passwordFile", null, "'" + file + "' is not an absolute path"));
        }
        String realm = JsonFields.string(o, "realm", path, null, problems);
        if (realm != null && !realm.matches(REALM)) {
            problems.add(new Problem(
                    path + ".realm",
                    null,
                    "must be 1-64 visible characters (inner spaces allowed) " + "without \" or \\"));
        }
        List<String> algorithms = new ArrayList<>();
        List<String> given = JsonFields.strings(o, "algorithms", path, null, problems);
        for (int i = 0; i < given.size(); i++) {
            String a = given.get(i).toUpperCase(Locale.ROOT);
            if (!a.equals(TrunkAuth.SHA_256) && !a.equals(TrunkAuth.MD5)) {
                problems.add(new Problem(path + ".algorithms[" + i + "]", null, "must be SHA-256 or MD5"));
            } else if (algorithms.contains(a)) {
                problems.add(new Problem(path + ".algorithms[" + i + "]", null, "duplicate " + a));
            } else {
                algorithms.add(a);
            }
        }
        if (o.has("algorithms") && o.get("algorithms").isJsonArray() && given.isEmpty()) {
            problems.add(new Problem(path + ".algorithms", null, "must list SHA-256, MD5 or both"));
        }
        return problems.size() > before ? null : new TrunkAuth(username, realm, file, algorithms);
    }

    /** A problem when the password file of an authenticated trunk cannot be read here, else {@code null}. */
    static Problem checkPasswordFile(TrunkAuth auth, String trunkPath) {
        try {
            org.switchboard.util.files.PasswordFile.read(auth.passwordFile());
            return null;
        } catch (IOException | RuntimeException e) {
            return new Problem(trunkPath + ".auth.passwordFile", null, "cannot read the password: " + e.getMessage());
        }
    }

    private static boolean absolute(String file) {
        try {
            return Path.of(file).isAbsolute();
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
