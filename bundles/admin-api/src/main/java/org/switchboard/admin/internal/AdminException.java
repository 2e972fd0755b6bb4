package org.switchboard.admin.internal;

import java.util.List;

/** A refused admin request: the HTTP status and every message the client gets (e.g. each problem of an import). */
class AdminException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final List<String> messages;

    AdminException(int status, List<String> messages) {
        super(String.join("; ", messages));
        this.status = status;
        this.messages = List.copyOf(messages);
    }

    AdminException(int status, String message) {
        this(status, List.of(message));
    }

    static AdminException notFound(String what) {
        return new AdminException(404, what + " not found");
    }

    static AdminException badRequest(String message) {
        return new AdminException(400, message);
    }

    int status() {
        return status;
    }

    List<String> messages() {
        return messages;
    }
}
