package io.amsgrid.codec.payload;

/**
 * A message a gateway publishes to the cloud. The binary layout and the JSON form are defined in
 * {@code docs/payloads.md}; {@link PayloadCodec} and {@link PayloadJson} convert.
 *
 * <p>Every implementation validates in its constructor and throws {@link PayloadException} with
 * {@link PayloadRejectReason#VALUE_OUT_OF_RANGE}, so a decoded payload is always in range.
 */
public sealed interface Payload permits AggregatePayload, HourlyPayload, PowerFailPayload {
    /** The layout version this code writes (the first byte). */
    int VERSION = 1;

    PayloadType type();

    /** The gateway's sequence number (0 to 2^32-1), for diagnosis: gaps show lost messages. */
    long sequence();

    /** The meter's id (serial / GS1 number), or {@code null} when the gateway did not know it. */
    String meterId();
}
