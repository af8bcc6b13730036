package io.amsgrid.fleet;

/** A fleet operation failed for a named reason; the message is one line for the operator. */
public final class FleetException extends RuntimeException {
    private final FleetError reason;

    public FleetException(FleetError reason, String message) {
        super(message);
        this.reason = reason;
    }

    public FleetException(FleetError reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public FleetError reason() {
        return reason;
    }
}
