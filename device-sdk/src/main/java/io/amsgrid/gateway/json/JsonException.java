package io.amsgrid.gateway.json;

/** Text that is not the JSON expected; the message names the offset. Stackless: it is a value, not a bug. */
public final class JsonException extends RuntimeException {
    public JsonException(String message) {
        super(message, null, false, false);
    }
}
