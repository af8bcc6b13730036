package io.amsgrid.cdk;

/** A CDK context value or file the app needs is wrong or missing; the message says what to do. */
public final class AppSettingsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AppSettingsException(String message) {
        super(message);
    }
}
