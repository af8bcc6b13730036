package io.amsgrid.codec.mbus;

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

class MbusFrameReaderStreamTest {

    record Recorded(List<Object> events, MbusStats stats) {
        List<MbusMessage> messages() {
            return events.stream().filter(MbusMessage.class::isInstance).map(MbusMessage.class::cast).toList();
        }

        List<MbusRejectReason> reasons() {
            return events.stream().filter(MbusReject.class::isInstance).map(e -> ((MbusReject) e).reason()).toList();
        }
    }

    static Recorded run(Consumer<Consumer<byte[]>> chunking) {
        List<Object> events = new ArrayList<>();
        MbusFrameReader reader = new MbusFrameReader(new MbusListener() {
            @Override
            public void onMessage(MbusMessage message) {
                events.add(message);
            }

            @Override
            public void onReject(MbusReject reject) {
                events.add(reject);
            }
        });
        chunking.accept(chunk -> {
            if (chunk.length == 1) {
                reader.feed(chunk[0]);
            } else {
                reader.feed(chunk);
            }
        });
        reader.endOfInput();
        return new Recorded(events, reader.stats());
    }

    private static List<byte[]> vectors() {
        return Vectors.matching(v -> v.format().startsWith("mbus-")).stream().map(Vector::bytes).toList();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 5, 77})
    void feed_vectorsWithGarbageAndPartialsInAnyChunking_sameMessagesAndRejects(long seed) {
        List<byte[]> vectors = vectors();
        Chunks.Builder stream = new Chunks.Builder(seed);
        List<MbusMessage> expected = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            for (byte[] vector : vectors) {
                switch (stream.random().nextInt(4)) {
                    case 0 -> stream.garbage(1 + stream.random().nextInt(30), null);
                    case 1 -> stream.partial(Arrays.copyOf(vector, Math.min(vector.length, 256))); // part of the first long frame
                    case 2 -> stream.garbage(1 + stream.random().nextInt(6), new byte[] {0x68, 0x16, (byte) 0xE5, 0x10});
                    default -> { }
                }
                stream.bytes(vector);
                expected.addAll(MbusFrameReader.readMessages(vector));
            }
        }
        byte[] bytes = stream.build();

        Recorded whole = run(feed -> Chunks.whole(bytes, feed));
        Recorded oneByOne = run(feed -> Chunks.oneByOne(bytes, feed));
        Recorded random = run(feed -> Chunks.random(bytes, seed, 50, feed));

        assertThat(whole.messages()).containsExactlyElementsOf(expected);
        assertThat(oneByOne.events()).containsExactlyElementsOf(whole.events());
        assertThat(random.events()).containsExactlyElementsOf(whole.events());
        assertThat(whole.stats().messagesOk()).isEqualTo(expected.size());
    }

    @Test
    void feed_badChecksum_rejectsAndDropsHeldSegment() {
        byte[] v = Vectors.byId("pl-kaifa-ma309-mbus-enc-amsr-gh905").bytes();
        byte[] corrupt = v.clone();
        corrupt[300] ^= 0x40; // inside the second long frame

        Recorded r = run(feed -> Chunks.whole(corrupt, feed));

        assertThat(r.messages()).isEmpty();
        assertThat(r.reasons()).containsExactly(MbusRejectReason.BAD_CHECKSUM, MbusRejectReason.SEGMENT_MISSING);
    }

    @Test
    void feed_lengthBytesDiffer_rejectsBadLengthAndReadsTheNext() {
        byte[] v = Vectors.byId("at-siemens-amis-mbus-aescbc-drvolcano").bytes();
        byte[] corrupt = v.clone();
        corrupt[2] = 0x5E;
        byte[] stream = new byte[v.length * 2];
        System.arraycopy(corrupt, 0, stream, 0, v.length);
        System.arraycopy(v, 0, stream, v.length, v.length);

        Recorded r = run(feed -> Chunks.oneByOne(stream, feed));

        assertThat(r.reasons()).containsExactly(MbusRejectReason.BAD_LENGTH);
        assertThat(r.messages()).hasSize(1);
        assertThat(r.stats().bytesDiscarded()).isEqualTo(v.length);
    }

    @Test
    void feed_noSecondStartByte_isGarbageNotAReject() {
        byte[] v = Vectors.byId("at-siemens-amis-mbus-aescbc-drvolcano").bytes();
        byte[] corrupt = v.clone();
        corrupt[3] = 0x00;

        Recorded r = run(feed -> Chunks.whole(corrupt, feed));

        assertThat(r.reasons()).isEmpty();
        assertThat(r.stats().bytesDiscarded()).isEqualTo(v.length);
    }

    @Test
    void feed_missingStopByte_rejectsNoStopByte() {
        byte[] v = Vectors.byId("at-siemens-amis-mbus-aescbc-drvolcano").bytes();
        byte[] corrupt = v.clone();
        corrupt[corrupt.length - 1] = 0x17;

        assertThat(run(feed -> Chunks.whole(corrupt, feed)).reasons()).containsExactly(MbusRejectReason.NO_STOP_BYTE);
    }

    @Test
    void feed_secondSegmentOnly_isOutOfOrderThenNextMessageDecodes() {
        byte[] v = Vectors.byId("pl-kaifa-ma309-mbus-enc-amsr-gh905").bytes();
        byte[] first = Arrays.copyOf(v, 256);
        byte[] stream = new byte[first.length + v.length];
        System.arraycopy(first, 0, stream, 0, first.length);
        System.arraycopy(v, 0, stream, first.length, v.length);

        Recorded r = run(feed -> Chunks.whole(stream, feed));

        assertThat(r.reasons()).containsExactly(MbusRejectReason.SEGMENT_OUT_OF_ORDER);
        assertThat(r.messages()).containsExactlyElementsOf(MbusFrameReader.readMessages(v));
    }

    @Test
    void endOfInput_insideFrame_rejectsTruncated() {
        byte[] v = Vectors.byId("at-siemens-amis-mbus-aescbc-drvolcano").bytes();

        Recorded r = run(feed -> Chunks.whole(Arrays.copyOf(v, 60), feed));

        assertThat(r.reasons()).containsExactly(MbusRejectReason.TRUNCATED);
    }
}
