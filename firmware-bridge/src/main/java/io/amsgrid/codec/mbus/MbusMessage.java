package io.amsgrid.codec.mbus;

import java.util.Arrays;

/** What an {@link MbusFrameReader} delivers: a DLMS APDU or a frame of another application layer. */
public sealed interface MbusMessage {

    /**
     * A DLMS APDU carried in one or more M-Bus long frames with CI 0x00..0x1F (DLMS transport
     * without application-layer header: CI bits 0..3 = segment sequence number, bit 4 = last
     * segment), each segment's user data starting with STSAP and DTSAP, which are stripped.
     *
     * @param control        C field of the last frame (0x53 = SND_UD)
     * @param address        A field (primary address, 0xFF = broadcast)
     * @param sourceTsap     STSAP of the first segment
     * @param destinationTsap DTSAP of the first segment
     * @param apdu           the segments' payloads concatenated (e.g. starting 0xDB glo-ciphering
     *                       or 0x0F data-notification). Owned by the message: do not modify.
     * @param segmentCount   number of long frames the APDU came in
     */
    record DlmsApdu(int control, int address, int sourceTsap, int destinationTsap, byte[] apdu, int segmentCount)
            implements MbusMessage {
        @Override
        public boolean equals(Object o) {
            return o instanceof DlmsApdu d && d.control == control && d.address == address
                    && d.sourceTsap == sourceTsap && d.destinationTsap == destinationTsap
                    && d.segmentCount == segmentCount && Arrays.equals(d.apdu, apdu);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(apdu) * 31 + segmentCount;
        }

        @Override
        public String toString() {
            return String.format("DlmsApdu[C=%02X A=%02X segments=%d apdu=%d bytes]", control, address,
                    segmentCount, apdu.length);
        }
    }

    /**
     * A long frame whose CI field is not a DLMS segment, e.g. an EN 13757-3 application layer
     * (CI 0x72, 0x7A, 0x5B ...).
     *
     * @param userData the bytes after CI up to the checksum. Owned by the message: do not modify.
     */
    record ApplicationFrame(int control, int address, int ci, byte[] userData) implements MbusMessage {
        @Override
        public boolean equals(Object o) {
            return o instanceof ApplicationFrame a && a.control == control && a.address == address
                    && a.ci == ci && Arrays.equals(a.userData, userData);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(userData) * 31 + ci;
        }

        @Override
        public String toString() {
            return String.format("ApplicationFrame[C=%02X A=%02X CI=%02X data=%d bytes]", control, address, ci,
                    userData.length);
        }
    }
}
