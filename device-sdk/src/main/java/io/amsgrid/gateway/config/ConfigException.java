package io.amsgrid.gateway.config;

/** A config file the gateway cannot run with; the message names every bad key. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
