package io.amsgrid.lambdas.ingest;

import io.amsgrid.codec.meter.MeterReading;

/**
 * Decodes one whole HDLC frame forwarded on {@code raw/<thing>} into a normalized reading. The
 * implementation belongs to the codec (HDLC framing + DLMS/COSEM + vendor lists); until it is
 * wired in, {@link #UNAVAILABLE} rejects every raw frame with
 * {@link IngestRejectReason#RAW_DECODER_UNAVAILABLE}, so the frames are kept in the dead-letter
 * location (and can be replayed) instead of being lost or faked.
 */
@FunctionalInterface
public interface RawFrameDecoder {
    /**
     * The reading in {@code frame}. Throws {@link IngestRejection} with
     * {@link IngestRejectReason#RAW_FRAME_REJECTED} and the codec's reason in the message when the
     * frame does not decode.
     */
    MeterReading decode(byte[] frame);

    RawFrameDecoder UNAVAILABLE = frame -> {
        throw new IngestRejection(IngestRejectReason.RAW_DECODER_UNAVAILABLE,
                "no HDLC/DLMS decoder is deployed with this function yet; the frame is kept for replay");
    };
}
