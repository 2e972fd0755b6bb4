package org.switchboard.summary.internal;

/**
 * A request the API refuses: the HTTP status, the message the client sees, and (for the log only) why. 401 messages
 * never say which check failed.
 */
final class AuthException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String detail;

    AuthException(int status, String message, String detail) {
        super(message);
        this.status = status;
        this.detail = detail;
    }

    /** A 401 with the one message every token failure gets. */
    static AuthException unauthorized(String detail) {
        return new AuthException(401, "Invalid or expired token", detail);
    }

    int status() {
        return status;
    }

    String detail() {
        return detail;
    }
}
