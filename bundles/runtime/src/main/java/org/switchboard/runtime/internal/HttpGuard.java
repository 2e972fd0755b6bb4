package org.switchboard.runtime.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.Preprocessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.admin.AdminAuthenticator;
import org.switchboard.util.http.BasicCredentials;
import org.switchboard.util.log.LogText;
import org.switchboard.util.log.LogThrottle;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * In front of every HTTP request, before any servlet or filter of any context (the Felix Web Console's included):
 * <ul>
 * <li>an ambiguous URI (an encoded {@code /}, {@code \}, {@code .} or {@code %}, a NUL, a {@code .} or {@code ..}
 * or empty segment, a path parameter) is refused with 400: the documented JSON error under {@code /api/}, plain text
 * elsewhere;</li>
 * <li>a request that can change state (any method but GET, HEAD, OPTIONS) under {@code /system/console} or
 * {@code /api/admin} is refused with 403 when the browser says it came from another site ({@code Sec-Fetch-Site},
 * {@code Origin}, else {@code Referer});</li>
 * <li>a Basic login to the Web Console is checked against the administrator's credentials with the one limit on
 * failed logins per address that the admin API and the remote shell share (429 once over it);</li>
 * <li>every answer gets {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY} and a
 * {@code frame-ancestors 'none'} policy, so no page can be framed by another site.</li>
 * </ul>
 */
@Component(service = Preprocessor.class)
public final class HttpGuard implements Preprocessor {

    static final String CONSOLE = "/system/console";
    private static final Logger LOG = LoggerFactory.getLogger(HttpGuard.class);
    private static final String REALM = "OSGi Management Console";

    private final LogThrottle refusals = new LogThrottle(10_000_000_000L, 4096);

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AdminAuthenticator admin;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse res = (HttpServletResponse) response;
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("X-Frame-Options", "DENY");
        res.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
        res.setHeader("Referrer-Policy", "same-origin");
        String uri = req.getRequestURI() == null ? "/" : req.getRequestURI();
        String ambiguity = ambiguity(uri);
        if (ambiguity != null) {
            refuse(req, res, 400, "Ambiguous URI: " + ambiguity);
            return;
        }
        boolean console = under(uri, CONSOLE);
        if ((console || under(uri, "/api/admin")) && changesState(req.getMethod())) {
            String cross = crossSite(req);
            if (cross != null) {
                long held = refusals.admit(req.getRemoteAddr(), System.nanoTime());
                if (held >= 0) {
                    LOG.info(
                            "Refused {} {} from {}: cross-site ({}){}",
                            LogText.escape(req.getMethod()),
                            LogText.escape(uri),
                            req.getRemoteAddr(),
                            cross,
                            held > 0 ? " (and " + held + " more from there not logged)" : "");
                }
                refuse(req, res, 403, "Cross-site request refused: " + cross);
                return;
            }
        }
        if (console && !consoleLogin(req, res)) {
            return;
        }
        chain.doFilter(request, response);
    }

    /** A Basic login to the console, counted against the shared limit; false when it was answered here. */
    private boolean consoleLogin(HttpServletRequest req, HttpServletResponse res) throws IOException {
        AdminAuthenticator auth = admin;
        java.util.Optional<BasicCredentials> login = BasicCredentials.of(req.getHeader("Authorization"));
        if (auth == null || login.isEmpty()) {
            return true; // the console asks for credentials itself
        }
        switch (auth.login(login.get().user(), login.get().password(), req.getRemoteAddr())) {
            case ACCEPTED:
                return true;
            case BLOCKED:
                res.setHeader("Retry-After", "60");
                refuse(req, res, 429, "Too many failed logins from " + req.getRemoteAddr() + "; wait a minute");
                return false;
            default:
                res.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
                refuse(req, res, 401, "Wrong user name or password");
                return false;
        }
    }

    /** Why {@code uri} (as sent, not decoded) is ambiguous, or {@code null}. */
    static String ambiguity(String uri) {
        String lower = uri.toLowerCase(Locale.ROOT);
        for (String[] encoded : new String[][] {
            {"%2f", "an encoded '/'"},
            {"%5c", "an encoded '\\'"},
            {"%2e", "an encoded '.'"},
            {"%25", "an encoded '%'"},
            {"%00", "an encoded NUL"}
        }) {
            if (lower.contains(encoded[0])) {
                return encoded[1] + " in the path";
            }
        }
        if (uri.indexOf('\\') >= 0) {
            return "a '\\' in the path";
        }
        if (uri.indexOf(';') >= 0) {
            return "a path parameter (';')";
        }
        String[] segments = uri.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            String s = segments[i];
            if (s.equals(".") || s.equals("..")) {
                return "a '" + s + "' segment";
            }
            if (s.isEmpty() && i < segments.length - 1) {
                return "an empty segment ('//')";
            }
        }
        return null;
    }

    private static boolean under(String uri, String root) {
        return uri.equals(root) || uri.startsWith(root + "/");
    }

    private static boolean changesState(String method) {
        return !"GET".equals(method) && !"HEAD".equals(method) && !"OPTIONS".equals(method);
    }

    /** Why the browser's own headers say the request came from another site, or {@code null}. */
    static String crossSite(HttpServletRequest req) {
        String site = req.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return "Sec-Fetch-Site: " + LogText.escape(site);
        }
        String host = req.getHeader("Host");
        String origin = req.getHeader("Origin");
        if (origin != null) {
            return sameOrigin(origin, host) ? null : "Origin " + LogText.escape(origin);
        }
        String referer = req.getHeader("Referer");
        if (referer != null && !sameOrigin(referer, host)) {
            return "Referer from another origin";
        }
        return null;
    }

    private static boolean sameOrigin(String url, String host) {
        if (host == null) {
            return false;
        }
        for (String scheme : new String[] {"http://", "https://"}) {
            String origin = scheme + host;
            if (url.equals(origin) || url.startsWith(origin + "/")) {
                return true;
            }
        }
        return false;
    }

    private static void refuse(HttpServletRequest req, HttpServletResponse res, int status, String message)
            throws IOException {
        res.setStatus(status);
        res.setHeader("Cache-Control", "no-store");
        byte[] body;
        if (under(req.getRequestURI() == null ? "" : req.getRequestURI().toLowerCase(Locale.ROOT), "/api")) {
            res.setContentType("application/json;charset=utf-8");
            body = ("{\"errors\":[{\"msg\":\"" + json(message) + "\",\"code\":" + status + "}]}")
                    .getBytes(StandardCharsets.UTF_8);
        } else {
            res.setContentType("text/plain;charset=utf-8");
            body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        }
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
