package org.switchboard.store.internal;

/** The database could not be reached (no connection, or the connection broke): worth retrying later. */
final class StoreUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
