package io.amsgrid.gateway.source;

import io.amsgrid.codec.HanDecodeException;
import io.amsgrid.codec.HanDecoder;
import io.amsgrid.codec.HanFormat;
import io.amsgrid.codec.dlms.SecurityKeys;
import io.amsgrid.codec.hdlc.HdlcException;
import io.amsgrid.codec.hdlc.HdlcFrame;
import io.amsgrid.codec.hdlc.HdlcFrameReader;
import io.amsgrid.codec.meter.MeterReading;
import io.amsgrid.gateway.testing.TestVectors;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class HanMeterDecoderTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private static final class Collect implements MeterDecoder.Listener {
        final List<MeterReading> readings = new ArrayList<>();
        final List<String> frames = new ArrayList<>();
        final List<String> rejects = new ArrayList<>();

        @Override
        public void onReading(MeterReading reading, Instant at, byte[] frame) {
            readings.add(reading);
            frames.add(HexFormat.of().formatHex(frame));
        }

        @Override
        public void onReject(String reason, String message, Instant at) {
            rejects.add(reason);
        }
    }

    @Test
    void feed_realFramesInRandomChunksWithGarbage_sameReadingsAsOneByOneAndFramesRebuiltExactly() {
        List<TestVectors.Frame> frames = TestVectors.hdlcFrames();
        assertThat(frames).hasSizeGreaterThan(20);
        List<MeterReading> expected = new ArrayList<>();
        List<String> expectedFrames = new ArrayList<>();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        int rejectedAlone = 0;
        for (TestVectors.Frame f : frames) {
            // each vector on its own, through the codec's one-shot reader
            List<HdlcFrame> found;
            try {
                found = HdlcFrameReader.readFrames(f.bytes());
            } catch (HdlcException e) {
                rejectedAlone++;
                found = List.of();
            }
            for (HdlcFrame h : found) {
                try {
                    expected.add(HanDecoder.decode(HanFormat.LLC_DLMS, h.information(), SecurityKeys.NONE).reading());
                    expectedFrames.add(HexFormat.of().formatHex(f.bytes(), 0, h.length() + 2));
                } catch (HanDecodeException e) {
                    rejectedAlone++;
                }
            }
            stream.writeBytes(f.bytes());
            stream.writeBytes(new byte[] {0x00, 0x13, 0x7E}); // line noise between frames
        }
        assertThat(expected).hasSizeGreaterThan(20);
        byte[] all = stream.toByteArray();
        Collect c = new Collect();
        HanMeterDecoder d = new HanMeterDecoder(c, SecurityKeys.NONE);
        Random rnd = new Random(42);
        for (int i = 0; i < all.length; ) {
            int n = Math.min(all.length - i, 1 + rnd.nextInt(40));
            d.feed(new Chunk(T0, Arrays.copyOfRange(all, i, i + n)));
            i += n;
        }
        // the vectors include one frame with a bad FCS and the first segment of a segmented message
        assertThat(c.rejects).as("rejects").hasSize(rejectedAlone);
        assertThat(c.readings).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(c.readings.get(i)).as("reading %d", i).isEqualTo(expected.get(i));
        }
        assertThat(c.frames).isEqualTo(expectedFrames);
        assertThat(d.framesOk()).isEqualTo(expected.size());
    }

    @Test
    void feed_encryptedFrames_fullDecoderFallbackGivesTheSameReadings() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        int checked = 0;
        for (String line : java.nio.file.Files.readAllLines(TestVectors.file())) {
            var v = json.readTree(line);
            if (!v.path("format").asText().equals("hdlc-dlms") || !v.path("encrypted").asBoolean()
                    || v.path("key_hex").isMissingNode() || v.path("expected").path("reject").asBoolean(false)) {
                continue;
            }
            byte[] bytes = HexFormat.of().parseHex(v.get("hex").asText());
            SecurityKeys keys = SecurityKeys.ofHex(v.get("key_hex").asText(),
                    v.hasNonNull("auth_key_hex") ? v.get("auth_key_hex").asText() : null);
            List<MeterReading> expected = new ArrayList<>();
            try {
                for (HdlcFrame h : HdlcFrameReader.readFrames(bytes)) {
                    expected.add(HanDecoder.decode(HanFormat.LLC_DLMS, h.information(), keys).reading());
                }
            } catch (HdlcException | HanDecodeException e) {
                continue; // a negative vector (wrong key): the other tests cover rejects
            }
            Collect c = new Collect();
            new HanMeterDecoder(c, keys).feed(new Chunk(T0, bytes));
            assertThat(c.readings).as(v.get("id").asText()).isEqualTo(expected);
            checked++;
        }
        assertThat(checked).as("encrypted frames checked").isGreaterThanOrEqualTo(2);
    }

    @Test
    void feed_corruptedFcs_rejectCountedByReason() {
        byte[] f = TestVectors.frame("no-kaifa-l2-3ph-elwiz").bytes().clone();
        f[f.length - 5] ^= 0x01;
        Collect c = new Collect();
        HanMeterDecoder d = new HanMeterDecoder(c, SecurityKeys.NONE);
        d.feed(new Chunk(T0, f));
        assertThat(c.readings).isEmpty();
        assertThat(d.rejectsByReason()).containsEntry("HDLC:BAD_FCS", 1L);
    }
}
