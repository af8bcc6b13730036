package io.amsgrid.codec.hdlc;

import io.amsgrid.codec.crc.Crc16X25;
import io.amsgrid.codec.testing.Chunks;
import io.amsgrid.codec.testing.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.amsgrid.codec.hdlc.HdlcFrameReaderStreamTest.concat;
import static io.amsgrid.codec.hdlc.HdlcFrameReaderStreamTest.recorder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Segmented messages (S bit 0x0800). Only a first segment was ever published raw (Iskra, HR), so
 * the segments here are built from a real information field (Aidon List 3) with the reader's
 * CRC, which {@code Crc16Test} checks against the catalogue values and real frames.
 */
class HdlcSegmentationTest {
    private static final byte[] DST = {0x41};
    private static final byte[] SRC = {0x08, (byte) 0x83};

    static byte[] frame(boolean more, byte[] dst, byte[] src, int control, byte[] info, int off, int len) {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        int length = 2 + dst.length + src.length + 1 + 2 + len + 2;
        header.write(0xA0 | (more ? 0x08 : 0) | (length >> 8));
        header.write(length & 0xFF);
        header.writeBytes(dst);
        header.writeBytes(src);
        header.write(control);
        byte[] h = header.toByteArray();
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x7E);
        f.writeBytes(h);
        int hcs = Crc16X25.compute(h, 0, h.length);
        f.write(hcs & 0xFF);
        f.write(hcs >> 8);
        f.write(info, off, len);
        byte[] body = Arrays.copyOfRange(f.toByteArray(), 1, f.size());
        int fcs = Crc16X25.compute(body, 0, body.length);
        f.write(fcs & 0xFF);
        f.write(fcs >> 8);
        f.write(0x7E);
        return f.toByteArray();
    }

    private static byte[] aidonInformation() {
        return HdlcFrame.parse(Vectors.byId("no-aidon-l3-3ph-elwiz").bytes()).information();
    }

    private static byte[][] threeSegments(byte[] info, int control1, int control2, int control3) {
        return new byte[][] {
                frame(true, DST, SRC, control1, info, 0, 100),
                frame(true, DST, SRC, control2, info, 100, 150),
                frame(false, DST, SRC, control3, info, 250, info.length - 250)};
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 99})
    void feed_threeSegmentsInAnyChunking_deliversOneReassembledFrame(long seed) {
        byte[] info = aidonInformation();
        byte[][] s = threeSegments(info, 0x13, 0x13, 0x13);
        byte[] stream = concat(s[0], s[1], s[2]);
        List<Object> events = new ArrayList<>();
        HdlcFrameReader reader = new HdlcFrameReader(recorder(events));

        Chunks.random(stream, seed, 17, chunk -> reader.feed(chunk, 0, chunk.length));

        assertThat(events).singleElement().isInstanceOfSatisfying(HdlcFrame.class, f -> {
            assertThat(f.information()).isEqualTo(info);
            assertThat(f.segmentCount()).isEqualTo(3);
            assertThat(f.segmented()).isFalse();
            assertThat(f.sourceAddressHex()).isEqualTo("0883");
        });
        assertThat(reader.stats().segmentsOk()).isEqualTo(2);
        assertThat(reader.stats().framesOk()).isEqualTo(1);
    }

    @Test
    void feed_iFramesWithConsecutiveSendSequence_reassembles() {
        byte[] info = aidonInformation();
        byte[][] s = threeSegments(info, 0x10, 0x12, 0x14); // N(S) = 0, 1, 2

        assertThat(HdlcFrameReader.readFrames(concat(s[0], s[1], s[2])))
                .singleElement().satisfies(f -> assertThat(f.information()).isEqualTo(info));
    }

    @Test
    void feed_iFrameSequenceGap_rejectsOutOfOrderAndDropsTheRestOfTheMessage() {
        byte[] info = aidonInformation();
        byte[][] s = threeSegments(info, 0x10, 0x14, 0x16); // N(S) = 0, 2, 3: N(S) 1 lost
        byte[] next = Vectors.byId("no-kaifa-l1-elwiz").bytes();
        List<Object> events = new ArrayList<>();
        HdlcFrameReader reader = new HdlcFrameReader(recorder(events));

        reader.feed(concat(s[0], s[1], s[2], next));

        assertThat(events).hasSize(3);
        assertThat(events.get(0)).isInstanceOfSatisfying(HdlcReject.class,
                r -> assertThat(r.reason()).isEqualTo(HdlcRejectReason.SEGMENT_OUT_OF_ORDER));
        assertThat(events.get(1)).isInstanceOfSatisfying(HdlcReject.class,
                r -> assertThat(r.reason()).isEqualTo(HdlcRejectReason.SEGMENT_MISSING));
        assertThat(events.get(2)).isEqualTo(HdlcFrame.parse(next));
    }

    @Test
    void feed_segmentWithOtherAddress_rejectsOutOfOrder() {
        byte[] info = aidonInformation();
        byte[] first = frame(true, DST, SRC, 0x13, info, 0, 100);
        byte[] other = frame(false, new byte[] {0x03}, SRC, 0x13, info, 100, info.length - 100);
        List<Object> events = new ArrayList<>();
        HdlcFrameReader reader = new HdlcFrameReader(recorder(events));

        reader.feed(concat(first, other));

        assertThat(events).first().isInstanceOfSatisfying(HdlcReject.class,
                r -> assertThat(r.reason()).isEqualTo(HdlcRejectReason.SEGMENT_OUT_OF_ORDER));
        assertThat(events).last().isInstanceOf(HdlcFrame.class);
    }

    @Test
    void feed_corruptMiddleSegment_dropsTheMessageButDeliversTheNextFrame() {
        byte[] info = aidonInformation();
        byte[][] s = threeSegments(info, 0x13, 0x13, 0x13);
        s[1][60] ^= 0x01; // FCS error in the middle segment
        byte[] next = Vectors.byId("no-kaifa-l1-elwiz").bytes();
        List<Object> events = new ArrayList<>();
        HdlcFrameReader reader = new HdlcFrameReader(recorder(events));

        reader.feed(concat(s[0], s[1], s[2], next));
        reader.endOfInput();

        assertThat(events).filteredOn(HdlcReject.class::isInstance).extracting(e -> ((HdlcReject) e).reason())
                .containsExactly(HdlcRejectReason.BAD_FCS, HdlcRejectReason.SEGMENT_MISSING,
                        HdlcRejectReason.SEGMENT_MISSING);
        assertThat(events).filteredOn(HdlcFrame.class::isInstance).containsExactly(HdlcFrame.parse(next));
    }

    @Test
    void feed_messageAboveMaximum_rejectsTooLong() {
        byte[] info = aidonInformation();
        byte[][] s = threeSegments(info, 0x13, 0x13, 0x13);
        List<Object> events = new ArrayList<>();
        HdlcFrameReader reader = new HdlcFrameReader(recorder(events), 2047, 200);

        reader.feed(concat(s[0], s[1], s[2]));

        assertThat(events).extracting(e -> ((HdlcReject) e).reason())
                .containsExactly(HdlcRejectReason.TOO_LONG, HdlcRejectReason.SEGMENT_MISSING);
        assertThat(reader.stats().framesOk()).isZero();
    }

    @Test
    void endOfInput_afterFirstSegment_rejectsSegmentMissing() {
        byte[] first = Vectors.byId("hr-iskra-ie5-segmented-first-amsr-gh1072").bytes();
        List<Object> events = new ArrayList<>();
        HdlcFrameReader reader = new HdlcFrameReader(recorder(events));

        reader.feed(first);
        assertThat(events).isEmpty();
        assertThat(reader.stats().segmentsOk()).isEqualTo(1);
        reader.endOfInput();

        assertThat(events).singleElement().isInstanceOfSatisfying(HdlcReject.class, r -> {
            assertThat(r.reason()).isEqualTo(HdlcRejectReason.SEGMENT_MISSING);
            assertThat(r.streamOffset()).isZero();
        });
        assertThat(HdlcFrame.parse(first).segmented()).isTrue();
    }
}
