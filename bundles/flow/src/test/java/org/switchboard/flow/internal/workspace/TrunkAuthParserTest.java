package org.switchboard.flow.internal.workspace;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.switchboard.api.store.TrunkAuth;
import org.switchboard.flow.internal.model.Problem;

public class TrunkAuthParserTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final List<Problem> problems = new ArrayList<>();

    private static String trunk(String auth) {
        return "{\"trunks\": [{\"id\": \"a\", \"adapter\": \"zcc\", \"peers\": [\"10.0.0.1\"], \"dids\": [\"+15550100\"], "
                + "\"auth\": " + auth + "}]}";
    }

    @Test
    public void authIsReadWithItsDefaultsAndRoundTripsThroughTheRecordsWithoutAPassword() throws Exception {
        Path file = tmp.newFile("a.password").toPath();
        Files.writeString(file, "secret-1\n");
        String doc = trunk("{\"username\": \"zcc\", \"passwordFile\": \"" + file + "\"}");
        Workspace w = WorkspaceParserTest.load(doc, problems);
        TrunkAuth auth = w.trunks().get("a").auth();
        assertEquals(new TrunkAuth("zcc", "switchboard", file.toString(), List.of("MD5")), auth);
        assertEquals("secret-1", org.switchboard.util.files.PasswordFile.read(auth.passwordFile()));
        var records = WorkspaceRecords.fromDocument(doc);
        assertEquals(auth, records.trunks().get(0).auth());
        String again = WorkspaceRecords.toDocument(records);
        assertTrue(again, again.contains("\"auth\":{\"username\":\"zcc\",\"realm\":\"switchboard\",\"passwordFile\":"));
        assertFalse("the password is in no document: " + again, again.contains("secret-1"));
        WorkspaceParser.checkPasswordFiles(WorkspaceParserTest.load(again, problems), problems);
        assertEquals(List.of(), problems);

        String md5 = trunk("{\"username\": \"zcc\", \"passwordFile\": \"" + file + "\", \"realm\": \"zcc gw\", "
                + "\"algorithms\": [\"sha-256\", \"md5\"]}");
        TrunkAuth only =
                WorkspaceParserTest.load(md5, problems).trunks().get("a").auth();
        assertEquals(List.of("SHA-256", "MD5"), only.algorithms());
        assertEquals("zcc gw", only.realm());
        assertEquals(
                "no auth: by address only",
                null,
                WorkspaceParserTest.load(trunk("null"), problems)
                        .trunks()
                        .get("a")
                        .auth());
    }

    @Test
    public void eachMistakeIsNamedWithItsPath() {
        WorkspaceParser.parse(
                trunk(
                        "{\"username\": \"a\\\"b\", \"password\": \"hunter2\", \"passwordFile\": "
                                + "\"relative/file\", \"realm\": \" x\", \"algorithms\": [\"SHA-512\", \"MD5\", \"md5\"], \"x\": 1}"),
                problems);
        List<String> expected = List.of(
                "trunks[0].auth.password: a password is never written in a workspace: put it in a file",
                "trunks[0].auth.x: unknown field; auth has algorithms, passwordFile, realm, username",
                "trunks[0].auth.username: must be 1-64 visible characters without \" or \\",
                "trunks[0].auth.passwordFile: 'relative/file' is not an absolute path",
                "trunks[0].auth.realm: must be 1-64 visible characters",
                "trunks[0].auth.algorithms[0]: must be SHA-256 or MD5",
                "trunks[0].auth.algorithms[2]: duplicate MD5");
        for (String e : expected) {
            assertTrue(
                    "missing <" + e + "> in\n" + problems,
                    problems.stream().anyMatch(p -> p.toString().startsWith(e)));
        }
        assertFalse(
                "the password given is not repeated: " + problems,
                problems.toString().contains("hunter2"));
        problems.clear();
        WorkspaceParser.parse(trunk("{\"algorithms\": []}"), problems);
        assertEquals(problems.toString(), 3, problems.size());
        assertTrue(problems.toString(), problems.toString().contains("trunks[0].auth.username: missing"));
        assertTrue(problems.toString(), problems.toString().contains("trunks[0].auth.passwordFile: missing"));
        assertTrue(problems.toString(), problems.toString().contains("trunks[0].auth.algorithms: must list"));
        problems.clear();
        WorkspaceParser.parse(trunk("\"zcc:secret\""), problems);
        assertEquals("[trunks[0].auth: must be an object with username and passwordFile]", problems.toString());
    }

    @Test
    public void aPasswordFileThatCannotBeReadIsAProblemOfTheInstalledCheck() throws Exception {
        Path empty = tmp.newFile("empty").toPath();
        String missing = tmp.getRoot().toPath().resolve("missing").toString();
        String doc =
                "{\"trunks\": [{\"id\": \"a\", \"adapter\": \"zcc\", \"peers\": [\"10.0.0.1\"], \"dids\": [\"+15550100\"]},"
                        + "{\"id\": \"b\", \"adapter\": \"zcc\", \"peers\": [\"10.0.0.2\"], \"dids\": [\"+15550101\"], "
                        + "\"auth\": {\"username\": \"u\", \"passwordFile\": \"" + missing + "\"}},"
                        + "{\"id\": \"c\", \"adapter\": \"zcc\", \"peers\": [\"10.0.0.3\"], \"dids\": [\"+15550102\"], "
                        + "\"auth\": {\"username\": \"u\", \"passwordFile\": \"" + empty + "\"}}]}";
        Workspace w = WorkspaceParserTest.load(doc, problems);
        WorkspaceParser.checkPasswordFiles(w, problems);
        assertEquals(
                List.of(
                        "trunks[1].auth.passwordFile: cannot read the password: " + missing + " is not a file",
                        "trunks[2].auth.passwordFile: cannot read the password: " + empty + " is empty"),
                problems.stream().map(Problem::toString).toList());
    }
}
