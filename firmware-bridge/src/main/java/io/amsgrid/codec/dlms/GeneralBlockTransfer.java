package io.amsgrid.codec.dlms;

import java.io.ByteArrayOutputStream;

/**
 * Reassembles general-block-transfer (tag 0xE0, IEC 62056-5-3 clause 9.3.10) blocks into the
 * APDU they carry. Landis+Gyr meters in Switzerland split one push over several HDLC frames
 * this way.
 *
 * <pre>
 *  E0 | block-control | block-number (2) | block-number-ack (2) | length (A-XDR) | block data
 *       bit 7 = last block, bit 6 = streaming, bits 0-5 = window
 * </pre>
 *
 * Not thread-safe: one assembler per meter stream.
 */
public final class GeneralBlockTransfer {
    public static final int TAG = 0xE0;
    /** Bound on a reassembled APDU; a push list is a few kB at most. */
    public static final int MAX_APDU_BYTES = 64 * 1024;

    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private int expectedBlock = 1;

    /**
     * Adds one GBT APDU. Returns the reassembled APDU after the last block, otherwise null.
     * A block out of sequence discards what was collected and throws
     * {@link DlmsErrorReason#BAD_BLOCK_SEQUENCE}; a block numbered 1 always starts afresh.
     */
    public byte[] accept(byte[] apdu, int offset, int length) {
        AxdrReader r = new AxdrReader(apdu, offset, length);
        if (r.readUnsignedByte() != TAG) {
            throw new DlmsException(DlmsErrorReason.UNSUPPORTED_APDU, "not a general-block-transfer APDU (0xE0)");
        }
        int control = r.readUnsignedByte();
        int block = r.readUnsigned16();
        r.readUnsigned16(); // block-number-ack: meaningful only for acknowledged (non-streaming) transfer
        int len = r.readLength();
        if (len != r.remaining()) {
            reset();
            throw new DlmsException(len > r.remaining() ? DlmsErrorReason.TRUNCATED : DlmsErrorReason.BAD_LENGTH,
                    "general-block-transfer block " + block + " announces " + len + " bytes, " + r.remaining() + " present");
        }
        if (block == 1) {
            reset();
        } else if (block != expectedBlock) {
            int expected = expectedBlock;
            reset();
            throw new DlmsException(DlmsErrorReason.BAD_BLOCK_SEQUENCE,
                    "general-block-transfer block " + block + " arrived, expected block " + expected);
        }
        if (data.size() + len > MAX_APDU_BYTES) {
            reset();
            throw new DlmsException(DlmsErrorReason.BAD_LENGTH,
                    "general-block-transfer exceeds " + MAX_APDU_BYTES + " bytes");
        }
        data.write(apdu, r.position(), len);
        expectedBlock = block + 1;
        if ((control & 0x80) != 0) {
            byte[] out = data.toByteArray();
            reset();
            return out;
        }
        return null;
    }

    /** True while blocks have been collected and the last one has not arrived. */
    public boolean inProgress() {
        return expectedBlock > 1;
    }

    public void reset() {
        data.reset();
        expectedBlock = 1;
    }
}
