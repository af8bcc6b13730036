package io.amsgrid.codec.hdlc;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One HDLC frame as received on a HAN port (IEC 62056-46 / ISO/IEC 13239, frame format type 3),
 * or the reassembled information field of a segmented message.
 *
 * <pre>
 * +------+-----------------+-------------+-------------+---------+-------+-------------------+-------+------+
 * | flag | frame format    | destination | source      | control | HCS   | information       | FCS   | flag |
 * | 0x7E | 1010 S LLL LLLL | 1..4 bytes  | 1..4 bytes  | 1 byte  | 2 (LE)| length - hdr - 4  | 2 (LE)| 0x7E |
 * +------+-----------------+-------------+-------------+---------+-------+-------------------+-------+------+
 *        |&lt;------------------ length (11 bits: format &amp; 0x07FF) = bytes between the flags ------------&gt;|
 *
 * S (0x0800)  segmentation: more segments of this message follow
 * addresses   each byte's LSB is 1 only on the last byte of the address
 * HCS         CRC-16/X.25 over format..control; absent when the frame has no information field
 * FCS         CRC-16/X.25 over format..information
 * </pre>
 *
 * <p>No byte stuffing on HAN ports: 0x7E and 0x7D occur inside frames; only the length field
 * delimits them. On HAN the information field starts with the LLC header {@code E6 E7 00}.
 *
 * @param format                   the frame format field of the (last) frame, 0xA000..0xAFFF
 * @param destinationAddress       destination address bytes as sent, big-endian packed
 *                                 (e.g. {@code 0x0201} for the two bytes {@code 02 01})
 * @param destinationAddressLength 1..4
 * @param sourceAddress            source address bytes as sent, packed like the destination
 * @param sourceAddressLength      1..4
 * @param control                  the control byte (0x13 = UI with final bit, 0x10 = I frame, ...)
 * @param information              the information field; for a reassembled message the segments'
 *                                 fields concatenated. Owned by the frame: do not modify.
 * @param segmentCount             1 for a plain frame, n for a message reassembled from n segments
 */
public record HdlcFrame(
        int format,
        int destinationAddress,
        int destinationAddressLength,
        int sourceAddress,
        int sourceAddressLength,
        int control,
        byte[] information,
        int segmentCount) {

    /** The length field: bytes between the flags, of the (last) frame. */
    public int length() {
        return format & 0x07FF;
    }

    /** True when the segmentation bit is set, i.e. this frame is a segment with more to follow. */
    public boolean segmented() {
        return (format & 0x0800) != 0;
    }

    /** Destination address as lowercase hex of the bytes sent, e.g. {@code "0201"}. */
    public String destinationAddressHex() {
        return hex(destinationAddress, destinationAddressLength);
    }

    public String sourceAddressHex() {
        return hex(sourceAddress, sourceAddressLength);
    }

    /**
     * Parses one complete frame, flag to flag ({@code 7E ... 7E}), without reassembly: a frame
     * with the segmentation bit set is returned as it is ({@link #segmented()} true).
     *
     * @throws HdlcException with the reason when the frame is not valid
     */
    public static HdlcFrame parse(byte[] frame) {
        return parse(frame, 0, frame.length);
    }

    /** {@link #parse(byte[])} on {@code len} bytes from {@code off}. */
    public static HdlcFrame parse(byte[] buf, int off, int len) {
        return new HdlcFrameView().wrap(buf, off, len).toFrame();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HdlcFrame f && f.format == format
                && f.destinationAddress == destinationAddress
                && f.destinationAddressLength == destinationAddressLength
                && f.sourceAddress == sourceAddress && f.sourceAddressLength == sourceAddressLength
                && f.control == control && f.segmentCount == segmentCount
                && Arrays.equals(f.information, information);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * format + control) + Arrays.hashCode(information);
    }

    @Override
    public String toString() {
        return String.format("HdlcFrame[format=%04X dst=%s src=%s control=%02X segments=%d information=%d bytes]",
                format, destinationAddressHex(), sourceAddressHex(), control, segmentCount, information.length);
    }

    private static String hex(int packed, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (packed >>> (8 * (length - 1 - i)));
        }
        return HexFormat.of().formatHex(b);
    }
}
