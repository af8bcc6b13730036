package io.amsgrid.codec;

import io.amsgrid.codec.dlms.SecurityKeys;
import io.amsgrid.codec.testing.Vector;
import io.amsgrid.codec.testing.VectorAssertions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The port-facing decoder: MIT HDLC vectors in any chunking, with garbage and broken frames between. */
class HanStreamDecoderTest {
    private static final List<Vector> HDLC = VectorAssertions.loadResource("/vectors/mit-vectors.jsonl").stream()
            .filter(v -> v.format().equals("hdlc-dlms")).toList();

    private record Result(List<String> lists, List<String> errors, java.util.Map<String, Long> rejects) {
    }

    private static byte[] stream() {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        Random r = new Random(7);
        for (Vector v : HDLC) {
            byte[] garbage = new byte[r.nextInt(20)];
            r.nextBytes(garbage);
            for (int i = 0; i < garbage.length; i++) {
                if (garbage[i] == 0x7E) {
                    garbage[i] = 0x11;
                }
            }
            s.writeBytes(garbage);
            s.writeBytes(v.bytes());
        }
        return s.toByteArray();
    }

    private static Result run(byte[] bytes, int maxChunk, long seed) {
        List<String> lists = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        HanStreamDecoder d = new HanStreamDecoder(SecurityKeys.NONE, new HanStreamDecoder.Listener() {
            @Override
            public void onList(DecodedList list) {
                lists.add(list.meterClock() + " " + list.values().keySet() + " " + list.reading().values());
            }

            @Override
            public void onError(HanDecodeException error) {
                errors.add(error.layer() + ":" + error.code());
            }
        });
        Random r = new Random(seed);
        int i = 0;
        while (i < bytes.length) {
            int n = Math.min(bytes.length - i, 1 + r.nextInt(maxChunk));
            d.feed(bytes, i, n);
            i += n;
        }
        d.endOfInput();
        return new Result(lists, errors, d.rejectsByReason());
    }

    @Test
    void feed_vectorsWithGarbageInAnyChunking_sameListsAndRejects() {
        byte[] bytes = stream();
        Result whole = run(bytes, bytes.length, 1);
        long good = HDLC.stream().filter(v -> !VectorAssertions.negative(v)).count();
        assertThat(whole.lists()).hasSize((int) good);
        assertThat(whole.rejects()).containsKey("HDLC:TRUNCATED");
        assertThat(run(bytes, 1, 2)).isEqualTo(whole);
        for (long seed = 3; seed < 8; seed++) {
            assertThat(run(bytes, 64, seed)).isEqualTo(whole);
        }
    }

    @Test
    void feed_generalBlockTransferAcrossFrames_yieldsOneList() {
        // a data-notification split over two GBT blocks, each in its own HDLC frame (LLC only on the first)
        byte[] apdu = HexFormat.of().parseHex("0f4000000000020306000013281208e20a03414243");
        byte[] b1 = concat(HexFormat.of().parseHex("e6e700e0400001000007"), java.util.Arrays.copyOfRange(apdu, 0, 7));
        byte[] b2 = concat(HexFormat.of().parseHex("e0c0000200000e"), java.util.Arrays.copyOfRange(apdu, 7, apdu.length));
        List<DecodedList> lists = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        HanStreamDecoder d = new HanStreamDecoder(SecurityKeys.NONE, new HanStreamDecoder.Listener() {
            @Override
            public void onList(DecodedList list) {
                lists.add(list);
            }

            @Override
            public void onError(HanDecodeException error) {
                errors.add(error.code() + ": " + error.getMessage());
            }
        });
        d.feed(HdlcFrames.frame(b1));
        d.feed(HdlcFrames.frame(b2));
        assertThat(errors).isEmpty();
        assertThat(lists).singleElement().satisfies(l -> assertThat(l.elements()).containsExactly(4904L, 2274L, "ABC"));
        assertThat(d.totalRejects()).isZero();
    }

    @Test
    void feed_p1TelegramsInSmallChunks_oneListEach() {
        List<Vector> p1 = VectorAssertions.loadResource("/vectors/mit-vectors.jsonl").stream()
                .filter(v -> v.format().equals("dsmr-p1")).toList();
        List<DecodedList> lists = new ArrayList<>();
        HanStreamDecoder d = new HanStreamDecoder(HanStreamDecoder.Transport.P1, SecurityKeys.NONE, lists::add);
        for (Vector v : p1) {
            byte[] b = v.bytes();
            for (int i = 0; i < b.length; i += 7) {
                d.feed(b, i, Math.min(7, b.length - i));
            }
        }
        d.endOfInput();
        assertThat(lists).hasSize(p1.size());
        assertThat(d.totalRejects()).isZero();
        assertThat(lists.get(0).profile()).isEqualTo("DSMR P1");
    }

    @Test
    void feed_encryptedMbusSegments_oneListAndWrongKeyCounted() {
        Vector v = io.amsgrid.codec.testing.Vectors.byId("pl-kaifa-ma309-mbus-enc-amsr-gh905");
        List<DecodedList> lists = new ArrayList<>();
        HanStreamDecoder d = new HanStreamDecoder(HanStreamDecoder.Transport.MBUS, SecurityKeys.ofHex(v.keyHex(), null), lists::add);
        byte[] b = v.bytes();
        for (byte x : b) {
            d.feed(new byte[] {x});
        }
        assertThat(lists).singleElement().satisfies(l -> assertThat(l.meterId()).isEqualTo("1KFM0200169986"));
        HanStreamDecoder wrong = new HanStreamDecoder(HanStreamDecoder.Transport.MBUS,
                SecurityKeys.ofHex("00112233445566778899aabbccddeeff", null), lists::add);
        wrong.feed(b);
        assertThat(wrong.rejectsByReason()).containsEntry("DLMS:DECRYPTION_FAILED", 1L);
        assertThat(lists).hasSize(1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
