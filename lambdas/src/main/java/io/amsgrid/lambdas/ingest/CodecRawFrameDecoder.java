package io.amsgrid.lambdas.ingest;

import io.amsgrid.codec.HanDecodeException;
import io.amsgrid.codec.HanDecoder;
import io.amsgrid.codec.dlms.SecurityKeys;
import io.amsgrid.codec.meter.MeterReading;

/**
 * The raw-frame path with the codec: one whole HDLC frame (HCS and FCS checked, DLMS/COSEM decoded,
 * the vendor list recognised and normalized). A frame that does not decode is rejected with the
 * codec's layer and reason, so it lands in the dead-letter location with that reason.
 *
 * <p>Unencrypted frames only: encrypted meters (general-glo-ciphering) need a key per thing, which
 * has no store yet; their frames are rejected as {@code DLMS.KEY_REQUIRED}.
 */
public final class CodecRawFrameDecoder implements RawFrameDecoder {

    @Override
    public MeterReading decode(byte[] frame) {
        try {
            return HanDecoder.readingOfFrame(frame, SecurityKeys.NONE);
        } catch (HanDecodeException e) {
            throw new IngestRejection(IngestRejectReason.RAW_FRAME_REJECTED,
                    e.layer() + "." + e.code() + ": " + e.getMessage());
        }
    }
}
