package io.amsgrid.lambdas.ingest;

import io.amsgrid.codec.payload.PayloadRejectReason;

/**
 * Why an ingest event was rejected: the {@code Reason} dimension of the {@code IngestRejected}
 * metric and the folder under the dead-letter prefix. Rejected events are never retried.
 */
public enum IngestRejectReason {
    /** The event is not what the IoT rule sends: a field missing or of the wrong type, payload not base64, topic malformed. */
    BAD_EVENT,
    UNKNOWN_VERSION,
    UNKNOWN_TYPE,
    WRONG_LENGTH,
    BAD_CHECKSUM,
    VALUE_OUT_OF_RANGE,
    BAD_JSON,
    /** The payload type does not belong on the topic (an hourly payload on {@code avg/...}). */
    KIND_MISMATCH,
    /** The event's {@code thing} is not the topic's second level. */
    THING_MISMATCH,
    /** A time in the payload lies after the broker's receive time by more than the tolerance. */
    TIMESTAMP_IN_FUTURE,
    /** A {@code raw/} frame arrived but no HDLC/DLMS decoder is deployed with this function. */
    RAW_DECODER_UNAVAILABLE,
    /** A {@code raw/} frame that the HDLC/DLMS decoder rejects. */
    RAW_FRAME_REJECTED;

    static IngestRejectReason of(PayloadRejectReason reason) {
        return valueOf(reason.name());
    }
}
