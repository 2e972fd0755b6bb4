package org.switchboard.api.store;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * SIP digest authentication (RFC 3261 section 22, RFC 8760) that a trunk's peer must pass before its INVITEs are
 * taken. The password is not part of the record: it is read from {@code passwordFile} on the gateway's host, so it is
 * in no workspace document, store row or API listing (read it with {@code org.switchboard.util.files.PasswordFile}).
 *
 * @param username the user name the peer must authenticate as
 * @param realm the realm of the challenge
 * @param passwordFile the absolute path of a file whose content (a trailing line break aside) is the password
 * @param algorithms the digest algorithms offered, one challenge each, in order of preference: {@value #SHA_256}
 *        and {@value #MD5}. MD5 alone by default: some user agents (sipp 3.6, libre 1.x) give up on a SHA-256
 *        challenge instead of answering the MD5 one beside it, as RFC 8760 asks.
 * @since 1.3
 */
public record TrunkAuth(String username, String realm, String passwordFile, List<String> algorithms) {

    /** SHA-256 digests (RFC 8760). */
    public static final String SHA_256 = "SHA-256";
    /** MD5 digests (RFC 2617), for peers that know no other. */
    public static final String MD5 = "MD5";
    /** The realm when none is given. */
    public static final String DEFAULT_REALM = "switchboard";

    private static final Set<String> KNOWN = Set.of(SHA_256, MD5);

    /** Checks the fields; {@code null} or empty algorithms mean MD5, a {@code null} realm the default. */
    public TrunkAuth {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordFile, "passwordFile");
        realm = realm == null ? DEFAULT_REALM : realm;
        algorithms = algorithms == null || algorithms.isEmpty()
                ? List.of(MD5)
                : algorithms.stream()
                        .map(a -> a.toUpperCase(Locale.ROOT))
                        .distinct()
                        .toList();
        for (String a : algorithms) {
            if (!KNOWN.contains(a)) {
                throw new IllegalArgumentException("digest algorithm must be SHA-256 or MD5, not " + a);
            }
        }
    }
}
