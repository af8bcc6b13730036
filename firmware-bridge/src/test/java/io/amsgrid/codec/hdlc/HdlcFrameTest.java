package io.amsgrid.codec.hdlc;

import io.amsgrid.codec.crc.Crc16X25;
import io.amsgrid.codec.testing.Vectors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static io.amsgrid.codec.hdlc.HdlcFrameReaderStreamTest.recorder;
import static io.amsgrid.codec.hdlc.HdlcSegmentationTest.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link HdlcFrame#parse} on frames built to hit each header rule. */
class HdlcFrameTest {
    private static final byte[] INFO = HexFormat.of().parseHex("e6e7000f40000000090c07e4020f06011922ff8000000201060000157e");

    private static HdlcRejectReason reasonOf(byte[] frame) {
        try {
            HdlcFrame.parse(frame);
        } catch (HdlcException e) {
            return e.reason();
        }
        throw new AssertionError("frame was accepted");
    }

    @Test
    void parse_fourByteAddresses_keepsThemAsSent() {
        byte[] dst = {0x02, 0x04, 0x06, 0x09};
        byte[] src = {0x00, 0x01};
        HdlcFrame f = HdlcFrame.parse(frame(false, dst, src, 0x13, INFO, 0, INFO.length));

        assertThat(f.destinationAddressHex()).isEqualTo("02040609");
        assertThat(f.destinationAddressLength()).isEqualTo(4);
        assertThat(f.sourceAddress()).isEqualTo(0x0001);
        assertThat(f.information()).isEqualTo(INFO);
    }

    @Test
    void parse_frameWithoutInformation_hasNoHcsAndEmptyInformation() {
        // UA-like frame: 7E A0 07 03 21 73 FCS FCS 7E
        byte[] body = {(byte) 0xA0, 0x07, 0x03, 0x21, 0x73};
        int fcs = Crc16X25.compute(body, 0, body.length);
        byte[] f = {0x7E, (byte) 0xA0, 0x07, 0x03, 0x21, 0x73, (byte) fcs, (byte) (fcs >> 8), 0x7E};

        HdlcFrame frame = HdlcFrame.parse(f);

        assertThat(frame.information()).isEmpty();
        assertThat(frame.control()).isEqualTo(0x73);
    }

    @Test
    void parse_addressWithoutEndByte_isBadAddress() {
        byte[] dst = {0x02, 0x04, 0x06, 0x08}; // no LSB 1 within 4 bytes
        byte[] f = frame(false, dst, new byte[] {0x01}, 0x13, INFO, 0, INFO.length);

        assertThat(reasonOf(f)).isEqualTo(HdlcRejectReason.BAD_ADDRESS);
    }

    @Test
    void parse_formatTypeNot3_isBadFormat() {
        byte[] f = frame(false, new byte[] {0x41}, new byte[] {0x03}, 0x13, INFO, 0, INFO.length);
        f[1] = (byte) (0x90 | (f[1] & 0x0F));

        assertThat(reasonOf(f)).isEqualTo(HdlcRejectReason.BAD_FORMAT);
        assertThat(reasonOf(new byte[] {0x00, (byte) 0xA0})).isEqualTo(HdlcRejectReason.BAD_FORMAT);
    }

    @Test
    void parse_lastFlagMissing_isNoClosingFlag() {
        byte[] f = Vectors.byId("no-kaifa-l1-elwiz").bytes();
        f[f.length - 1] = 0x00;

        assertThat(reasonOf(f)).isEqualTo(HdlcRejectReason.NO_CLOSING_FLAG);
    }

    @Test
    void parse_cutInsideHeader_isTruncated() {
        byte[] f = Vectors.byId("no-kaifa-l1-elwiz").bytes();

        assertThat(reasonOf(Arrays.copyOf(f, 5))).isEqualTo(HdlcRejectReason.TRUNCATED);
    }

    @Test
    void feed_everyCorruptedByteOfARealFrame_isRejectedAndNeverDelivered() {
        byte[] good = Vectors.byId("no-kaifa-l2-3ph-elwiz").bytes();
        byte[] next = Vectors.byId("no-kaifa-l1-elwiz").bytes();
        for (int i = 1; i < good.length - 1; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x10;
            List<Object> events = new ArrayList<>();
            HdlcFrameReader reader = new HdlcFrameReader(recorder(events));
            reader.feed(bad);
            reader.feed(next);
            reader.endOfInput();

            int at = i;
            assertThat(events).as("byte %d", at).filteredOn(HdlcFrame.class::isInstance)
                    .containsExactly(HdlcFrame.parse(next));
            if (i == 1) {
                // a flag followed by a byte that is no format type 3: line noise, not a frame
                assertThat(reader.stats().bytesDiscarded()).isEqualTo(good.length - 2);
            } else {
                assertThat(events).as("byte %d", at).filteredOn(HdlcReject.class::isInstance).isNotEmpty();
            }
        }
    }
}
