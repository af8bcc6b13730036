package io.amsgrid.codec.hdlc;

import io.amsgrid.codec.testing.Chunks;
import io.amsgrid.codec.testing.Vector;
import io.amsgrid.codec.testing.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Netty habit: the same bytes fed at once, one byte at a time and in random chunks, with garbage,
 * partial frames and the corrupt vectors between the good ones, give exactly the same frames and
 * rejects, and every good frame comes out.
 */
class HdlcFrameReaderStreamTest {

    /** Every complete, unsegmented HDLC frame of the vectors (GBT vectors give several). */
    private static List<byte[]> goodFrameVectors() {
        return Vectors.matching(v -> (v.format().equals("hdlc-dlms") || v.format().equals("hdlc-dlms-gbt"))
                        && !v.id().startsWith("neg-") && !framesOrEmpty(v.bytes()).isEmpty())
                .stream().map(Vector::bytes).toList();
    }

    private static List<HdlcFrame> framesOrEmpty(byte[] bytes) {
        try {
            return HdlcFrameReader.readFrames(bytes);
        } catch (HdlcException e) {
            return List.of(); // the one published first segment of a segmented message
        }
    }

    private static List<byte[]> negativeVectors() {
        return Vectors.matching(v -> v.format().equals("hdlc-dlms") && v.id().startsWith("neg-")
                        && !v.id().contains("key")).stream().map(Vector::bytes).toList();
    }

    record Recorded(List<Object> events, HdlcStats stats) {
        List<HdlcFrame> frames() {
            return events.stream().filter(HdlcFrame.class::isInstance).map(HdlcFrame.class::cast).toList();
        }

        List<HdlcReject> rejects() {
            return events.stream().filter(HdlcReject.class::isInstance).map(HdlcReject.class::cast).toList();
        }
    }

    private static Recorded run(Consumer<Consumer<byte[]>> chunking) {
        List<Object> events = new ArrayList<>();
        HdlcFrameReader reader = new HdlcFrameReader(new HdlcListener() {
            @Override
            public void onFrame(HdlcFrame frame) {
                events.add(frame);
            }

            @Override
            public void onReject(HdlcReject reject) {
                events.add(reject);
            }
        });
        chunking.accept(chunk -> {
            if (chunk.length == 1) {
                reader.feed(chunk[0]);
            } else {
                reader.feed(chunk, 0, chunk.length);
            }
        });
        reader.endOfInput();
        return new Recorded(events, reader.stats());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void feed_vectorsWithGarbageAndPartialsInAnyChunking_sameFramesAndRejects(long seed) {
        List<byte[]> good = goodFrameVectors();
        List<byte[]> bad = negativeVectors();
        List<byte[]> single = good.stream().filter(b -> HdlcFrameReader.readFrames(b).size() == 1).toList();
        Chunks.Builder stream = new Chunks.Builder(seed);
        List<HdlcFrame> expected = new ArrayList<>();
        int disturbances = 0;
        for (byte[] vector : good) {
            switch (stream.random().nextInt(5)) {
                case 0 -> stream.garbage(1 + stream.random().nextInt(40), null);
                case 1 -> stream.partial(single.get(stream.random().nextInt(single.size())));
                case 2 -> stream.bytes(bad.get(stream.random().nextInt(bad.size())));
                case 3 -> stream.garbage(1 + stream.random().nextInt(4), new byte[] {0x7E, (byte) 0xA0, 0x7E});
                default -> { }
            }
            disturbances++;
            stream.bytes(vector);
            expected.addAll(HdlcFrameReader.readFrames(vector));
        }
        byte[] last = single.stream().filter(b -> b.length > 100).findFirst().orElseThrow();
        stream.bytes(Arrays.copyOf(last, 50)); // ends inside a frame
        byte[] bytes = stream.build();

        Recorded whole = run(feed -> Chunks.whole(bytes, feed));
        Recorded oneByOne = run(feed -> Chunks.oneByOne(bytes, feed));
        Recorded random = run(feed -> Chunks.random(bytes, seed, 64, feed));
        Recorded big = run(feed -> Chunks.random(bytes, seed + 1, 3000, feed));

        assertThat(whole.frames()).containsExactlyElementsOf(expected);
        assertThat(whole.rejects()).isNotEmpty();
        assertThat(whole.rejects().get(whole.rejects().size() - 1).reason()).isEqualTo(HdlcRejectReason.TRUNCATED);
        assertThat(oneByOne.events()).containsExactlyElementsOf(whole.events());
        assertThat(random.events()).containsExactlyElementsOf(whole.events());
        assertThat(big.events()).containsExactlyElementsOf(whole.events());
        assertThat(whole.stats().framesOk()).isEqualTo(expected.size());
        assertThat(whole.stats().totalRejects()).isEqualTo(whole.rejects().size());
        assertThat(oneByOne.stats().toString()).isEqualTo(whole.stats().toString());
        assertThat(disturbances).isPositive();
    }

    @Test
    void feed_sharedFlagBetweenFrames_deliversBoth() {
        byte[] a = Vectors.byId("no-kaifa-l1-elwiz").bytes();
        byte[] b = Vectors.byId("no-kaifa-l2-3ph-elwiz").bytes();
        byte[] shared = new byte[a.length + b.length - 1];
        System.arraycopy(a, 0, shared, 0, a.length);
        System.arraycopy(b, 1, shared, a.length, b.length - 1);

        Recorded r = run(feed -> Chunks.oneByOne(shared, feed));

        assertThat(r.frames()).containsExactly(HdlcFrame.parse(a), HdlcFrame.parse(b));
        assertThat(r.rejects()).isEmpty();
        assertThat(r.stats().bytesDiscarded()).isZero();
    }

    @Test
    void feed_idleFlagsAndFlagFollowedByGarbage_discardsWithoutReject() {
        byte[] a = Vectors.byId("no-kaifa-l1-elwiz").bytes();
        byte[] stream = concat(new byte[] {0x7E, 0x7E, 0x7E, 0x11, 0x22, 0x7E, 0x33}, a, new byte[] {0x7E, 0x7E});

        Recorded r = run(feed -> Chunks.whole(stream, feed));

        assertThat(r.frames()).containsExactly(HdlcFrame.parse(a));
        assertThat(r.rejects()).isEmpty();
        assertThat(r.stats().bytesDiscarded()).isEqualTo(3);
    }

    @Test
    void feed_truncatedFrameFollowedByGoodFrame_rejectsTruncatedAndDeliversTheGoodOne() {
        byte[] good = Vectors.byId("se-kamstrup-l2-3ph-amshan-hdlc").bytes();
        byte[] cut = Arrays.copyOf(good, 100);
        byte[] stream = concat(cut, good, good);

        Recorded r = run(feed -> Chunks.oneByOne(stream, feed));

        assertThat(r.rejects()).extracting(HdlcReject::reason).containsExactly(HdlcRejectReason.TRUNCATED);
        assertThat(r.rejects().get(0).streamOffset()).isZero();
        assertThat(r.frames()).hasSize(2).allSatisfy(f -> assertThat(f).isEqualTo(HdlcFrame.parse(good)));
    }

    @Test
    void feed_lengthAboveConfiguredMaximum_rejectsTooLongAtOnce() {
        byte[] big = Vectors.byId("se-aidon-27-amsr-gh143").bytes();
        byte[] small = Vectors.byId("no-kaifa-l1-elwiz").bytes();
        List<Object> events = new ArrayList<>();
        HdlcFrameReader reader = new HdlcFrameReader(recorder(events), 256, 1024);

        reader.feed(Arrays.copyOf(big, 3));
        assertThat(events).singleElement().isInstanceOfSatisfying(HdlcReject.class,
                r -> assertThat(r.reason()).isEqualTo(HdlcRejectReason.TOO_LONG));
        reader.feed(big, 3, big.length - 3);
        reader.feed(small);

        assertThat(events).last().isEqualTo(HdlcFrame.parse(small));
        assertThat(reader.stats().rejects(HdlcRejectReason.TOO_LONG)).isEqualTo(1);
    }

    static HdlcListener recorder(List<Object> events) {
        return new HdlcListener() {
            @Override
            public void onFrame(HdlcFrame frame) {
                events.add(frame);
            }

            @Override
            public void onReject(HdlcReject reject) {
                events.add(reject);
            }
        };
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int i = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }
}
