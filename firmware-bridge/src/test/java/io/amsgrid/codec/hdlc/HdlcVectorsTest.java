package io.amsgrid.codec.hdlc;

import io.amsgrid.codec.testing.Vector;
import io.amsgrid.codec.testing.Vectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every HDLC vector of the shared file through {@link HdlcFrame#parse} and {@link HdlcFrameReader}. */
class HdlcVectorsTest {

    static Stream<Vector> positiveFrames() {
        return Vectors.withFormat("hdlc-dlms").stream().filter(v -> !v.id().startsWith("neg-")).filter(v -> !v.isReject());
    }

    static Stream<Vector> blockTransfers() {
        return Vectors.withFormat("hdlc-dlms-gbt").stream();
    }

    @ParameterizedTest
    @MethodSource("positiveFrames")
    void parse_positiveVector_checksHcsAndFcsAndYieldsLlcInformation(Vector v) {
        byte[] bytes = exactFrame(v);
        HdlcFrame frame = HdlcFrame.parse(bytes);

        assertThat(frame.length()).isEqualTo(bytes.length - 2);
        assertThat(frame.information()).startsWith(0xE6, 0xE7, 0x00);
        assertThat(frame.information()).hasSize(bytes.length - 2 - 2 - frame.destinationAddressLength()
                - frame.sourceAddressLength() - 1 - 2 - 2);
        assertThat(frame.segmentCount()).isEqualTo(1);
    }

    static Stream<Vector> positiveFramesWithHeaderExpectations() {
        return positiveFrames().filter(v -> v.expected() != null && v.expected().has("frame"));
    }

    @ParameterizedTest
    @MethodSource("positiveFramesWithHeaderExpectations")
    void parse_vectorWithFrameExpectations_formatAddressesControlAsExpected(Vector v) {
        com.fasterxml.jackson.databind.JsonNode want = v.expected().path("frame");
        HdlcFrame frame = HdlcFrame.parse(exactFrame(v));

        assertThat(want.path("hdlc_valid").asBoolean()).isTrue();
        assertThat(String.format("%04x", frame.format())).isEqualTo(want.path("frame_format").asText());
        assertThat(frame.length()).isEqualTo(want.path("length_field").asInt());
        assertThat(frame.segmented()).isEqualTo(want.path("segmentation_bit").asBoolean());
        assertThat(frame.destinationAddressHex()).isEqualTo(want.path("dest_addr").asText());
        assertThat(frame.sourceAddressHex()).isEqualTo(want.path("src_addr").asText());
        assertThat(String.format("%02x", frame.control())).isEqualTo(want.path("control").asText());
    }

    @ParameterizedTest
    @MethodSource("positiveFrames")
    void readFrames_positiveVector_sameFrameAsParse(Vector v) {
        HdlcFrame parsed = HdlcFrame.parse(exactFrame(v));
        if (parsed.segmented()) {
            // only the first segment was published: the reader holds it, then reports it incomplete
            assertThatThrownBy(() -> HdlcFrameReader.readFrames(v.bytes()))
                    .isInstanceOfSatisfying(HdlcException.class,
                            e -> assertThat(e.reason()).isEqualTo(HdlcRejectReason.SEGMENT_MISSING));
            return;
        }
        assertThat(HdlcFrameReader.readFrames(v.bytes())).containsExactly(parsed);
    }

    @ParameterizedTest
    @MethodSource("positiveFrames")
    void parse_trailingBytesAfterClosingFlag_isBadLengthButReaderDiscardsThem(Vector v) {
        byte[] exact = exactFrame(v);
        byte[] longer = java.util.Arrays.copyOf(exact, exact.length + 3);

        assertThatThrownBy(() -> HdlcFrame.parse(longer)).isInstanceOfSatisfying(HdlcException.class,
                e -> assertThat(e.reason()).isEqualTo(HdlcRejectReason.BAD_LENGTH));
        if (!HdlcFrame.parse(exact).segmented()) {
            assertThat(HdlcFrameReader.readFrames(longer)).hasSize(1);
        }
    }

    /** The vector's bytes up to the closing flag (one fixture, gh196, has 4 bytes of the next frame after it). */
    private static byte[] exactFrame(Vector v) {
        byte[] bytes = v.bytes();
        int length = ((bytes[1] & 0x07) << 8) | (bytes[2] & 0xFF);
        return java.util.Arrays.copyOf(bytes, length + 2);
    }

    @ParameterizedTest
    @MethodSource("blockTransfers")
    void readFrames_generalBlockTransferVector_yieldsEveryFrame(Vector v) {
        List<HdlcFrame> frames = HdlcFrameReader.readFrames(v.bytes());

        assertThat(frames).hasSizeGreaterThan(1);
        // the LLC header is only in the first frame; every frame carries a general-block-transfer (0xE0) block
        assertThat(frames.get(0).information()).startsWith(0xE6, 0xE7, 0x00, 0xE0);
        assertThat(frames.subList(1, frames.size())).allSatisfy(f -> assertThat(f.information()).startsWith(0xE0));
        if (v.expected() != null) {
            List<Integer> lengths = new ArrayList<>();
            v.expected().path("frames").forEach(f -> lengths.add(f.path("length").asInt()));
            assertThat(frames).extracting(HdlcFrame::length).containsExactlyElementsOf(lengths);
            assertThat(frames).noneMatch(HdlcFrame::segmented);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "neg-truncated-aidon-l3,              TRUNCATED, TRUNCATED",
            "neg-bad-hcs-kaifa-gh180,             BAD_HCS,   BAD_HCS",
            "neg-wrong-length-aidon,              BAD_HCS,   BAD_HCS",
            "neg-bad-fcs-kamstrup-gh862,          BAD_FCS,   BAD_FCS",
            "neg-real-bad-fcs-kamstrup-gh175,     BAD_FCS,   BAD_FCS",
            "neg-real-truncated-kamstrup-em001-5, TRUNCATED, TRUNCATED",
    })
    void negativeVector_isRejectedWithItsReason(String id, HdlcRejectReason parseReason, HdlcRejectReason streamReason) {
        Vector v = Vectors.byId(id);

        assertThatThrownBy(() -> HdlcFrame.parse(v.bytes()))
                .isInstanceOfSatisfying(HdlcException.class, e -> assertThat(e.reason()).isEqualTo(parseReason));

        List<HdlcReject> rejects = new ArrayList<>();
        List<HdlcFrame> frames = new ArrayList<>();
        HdlcFrameReader reader = new HdlcFrameReader(new HdlcListener() {
            @Override
            public void onFrame(HdlcFrame frame) {
                frames.add(frame);
            }

            @Override
            public void onReject(HdlcReject reject) {
                rejects.add(reject);
            }
        });
        reader.feed(v.bytes());
        reader.endOfInput();

        assertThat(frames).isEmpty();
        assertThat(rejects).first().extracting(HdlcReject::reason).isEqualTo(streamReason);
        assertThat(rejects.get(0).streamOffset()).isZero();
        assertThat(reader.stats().rejects(streamReason)).isPositive();
        assertThat(reader.stats().framesOk()).isZero();
    }
}
