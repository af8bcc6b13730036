package io.amsgrid.fleet;

/** Why a fleet operation failed; each has a one-line message a user can act on. */
public enum FleetError {
    MISSING_CREDENTIALS,
    UNKNOWN_THING,
    UNKNOWN_CERTIFICATE,
    UNKNOWN_GROUP,
    THROTTLED,
    REJECTED,
    TIMEOUT,
    BAD_INPUT,
    LOCAL_STATE,
    SERVICE
}
