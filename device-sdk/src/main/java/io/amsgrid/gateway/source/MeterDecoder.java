package io.amsgrid.gateway.source;

import io.amsgrid.codec.meter.MeterReading;

import java.time.Instant;
import java.util.Map;

/** Bytes in, readings and rejects out: the gateway's view of the codec. Fed from one thread. */
public interface MeterDecoder {

    /** What the decoder found in the bytes. */
    interface Listener {
        /** A list decoded from a frame that passed its checks; {@code frame} is the whole frame. */
        void onReading(MeterReading reading, Instant at, byte[] frame);

        /** A frame or list rejected; {@code reason} is {@code LAYER:CODE} as the codec names them, e.g. {@code HDLC:BAD_FCS}. */
        void onReject(String reason, String message, Instant at);
    }

    void feed(Chunk chunk);

    /** Frames that passed their checks so far. */
    long framesOk();

    /** Rejects so far by reason ({@code LAYER:CODE}). */
    Map<String, Long> rejectsByReason();
}
