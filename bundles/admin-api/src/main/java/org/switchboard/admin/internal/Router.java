package org.switchboard.admin.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonElement;

/** Routes a method and a path (below {@code /api/admin}) to its handler; path segments in parentheses are captured. */
final class Router {

    /** What a handler answers: a status and a JSON body ({@code null} for none). */
    record Reply(int status, JsonElement body) {
        static Reply ok(JsonElement body) {
            return new Reply(200, body);
        }
    }

    @FunctionalInterface
    interface Handler {
        Reply handle(AdminRequest request) throws AdminException;
    }

    /** A service the handler needs, or a 503 when it is not there. */
    @FunctionalInterface
    interface Need<T> {
        T get() throws AdminException;
    }

    private record Route(String method, Pattern path, Handler handler) {}

    private final List<Route> routes = new ArrayList<>();

    Router add(String method, String path, Handler handler) {
        routes.add(new Route(method, Pattern.compile(path), handler));
        return this;
    }

    Reply dispatch(String method, String path, Map<String, String> query, String body) throws AdminException {
        TreeSet<String> allowed = new TreeSet<>();
        for (Route r : routes) {
            Matcher m = r.path().matcher(path);
            if (!m.matches()) {
                continue;
            }
            if (!r.method().equals(method)) {
                allowed.add(r.method());
                continue;
            }
            List<String> params = new ArrayList<>();
            for (int i = 1; i <= m.groupCount(); i++) {
                params.add(m.group(i)); // the container has decoded the path already
            }
            return r.handler().handle(new AdminRequest(params, query, body));
        }
        if (!allowed.isEmpty()) {
            throw new MethodNotAllowed(allowed);
        }
        throw new AdminException(404, "No such admin API: " + method + " /api/admin" + path);
    }

    /** A 405 with the methods the path does take. */
    static final class MethodNotAllowed extends AdminException {
        private static final long serialVersionUID = 1L;
        private final String allow;

        MethodNotAllowed(TreeSet<String> allowed) {
            super(405, "Use " + String.join(" or ", allowed) + " for this path");
            this.allow = String.join(", ", allowed);
        }

        String allow() {
            return allow;
        }
    }
}
