package org.switchboard.summary.internal;

/**
 * A request the API refuses: the HTTP status (also the error's {@code code}), the message the client sees, and (for
 * the log only) why. 401 messages never say which check failed.
 */
final class ApiException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String detail;

    ApiException(int status, String message, String detail) {
        super(message);
        this.status = status;
        this.detail = detail;
    }

    ApiException(int status, String message) {
        this(status, message, message);
    }

    /** A 401 with the one message every token failure gets, Kore's (its code 4002). */
    static ApiException unauthorized(String detail) {
        return new ApiException(401, "Invalid SDK credentials", detail);
    }

    /** A 400 for a request body that is not what the API takes. */
    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    int status() {
        return status;
    }

    String detail() {
        return detail;
    }
}
