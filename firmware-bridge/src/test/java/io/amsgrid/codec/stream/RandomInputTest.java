package io.amsgrid.codec.stream;

import io.amsgrid.codec.hdlc.HdlcFrame;
import io.amsgrid.codec.hdlc.HdlcFrameReader;
import io.amsgrid.codec.hdlc.HdlcListener;
import io.amsgrid.codec.hdlc.HdlcReject;
import io.amsgrid.codec.mbus.MbusFrameReader;
import io.amsgrid.codec.mbus.MbusListener;
import io.amsgrid.codec.mbus.MbusMessage;
import io.amsgrid.codec.mbus.MbusReject;
import io.amsgrid.codec.p1.P1Listener;
import io.amsgrid.codec.p1.P1Reader;
import io.amsgrid.codec.p1.P1Reject;
import io.amsgrid.codec.p1.P1Telegram;
import io.amsgrid.codec.testing.Chunks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Line noise (random bytes, and random bytes rich in each protocol's special bytes) never makes a
 * reader throw or deliver anything, and every rejected candidate is counted.
 */
class RandomInputTest {
    private static final int SIZE = 200_000;

    private static byte[] noise(long seed, byte[] special) {
        Random random = new Random(seed);
        byte[] b = new byte[SIZE];
        random.nextBytes(b);
        for (int i = 0; i < b.length; i += 1 + random.nextInt(8)) {
            b[i] = special[random.nextInt(special.length)];
        }
        return b;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void hdlcReader_noise_neverThrowsNorDelivers(long seed) {
        byte[] bytes = noise(seed, new byte[] {0x7E, (byte) 0xA0, (byte) 0xA8, 0x01, 0x13});
        long[] counts = new long[2];
        HdlcFrameReader reader = new HdlcFrameReader(new HdlcListener() {
            @Override
            public void onFrame(HdlcFrame frame) {
                counts[0]++;
            }

            @Override
            public void onReject(HdlcReject reject) {
                counts[1]++;
            }
        });

        Chunks.random(bytes, seed, 100, chunk -> reader.feed(chunk));
        reader.endOfInput();

        assertThat(counts[0]).isZero();
        assertThat(counts[1]).isEqualTo(reader.stats().totalRejects()).isPositive();
        assertThat(reader.stats().bytesDiscarded()).isPositive().isLessThanOrEqualTo(SIZE);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void mbusReader_noise_neverThrowsNorDelivers(long seed) {
        byte[] bytes = noise(seed, new byte[] {0x68, 0x16, 0x10, 0x53});
        long[] counts = new long[2];
        MbusFrameReader reader = new MbusFrameReader(new MbusListener() {
            @Override
            public void onMessage(MbusMessage message) {
                counts[0]++;
            }

            @Override
            public void onReject(MbusReject reject) {
                counts[1]++;
            }
        });

        Chunks.random(bytes, seed, 100, chunk -> reader.feed(chunk));
        reader.endOfInput();

        assertThat(counts[0]).isZero();
        assertThat(counts[1]).isEqualTo(reader.stats().totalRejects());
        assertThat(reader.stats().bytesDiscarded()).isPositive().isLessThanOrEqualTo(SIZE);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void p1Reader_noise_neverThrowsNorDelivers(long seed) {
        byte[] bytes = noise(seed, "/!()*\r\n0123456789ABCDEF-:.".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        long[] counts = new long[2];
        P1Reader reader = new P1Reader(new P1Listener() {
            @Override
            public void onTelegram(P1Telegram telegram) {
                counts[0]++;
            }

            @Override
            public void onReject(P1Reject reject) {
                counts[1]++;
            }
        });

        Chunks.random(bytes, seed, 100, chunk -> reader.feed(chunk));
        reader.endOfInput();

        // a CRC-less telegram could in principle be made of noise ("/ABCD\r\nx(1)\r\n!\r\n"),
        // but needs all its parts in order: none in these 600 kB
        assertThat(counts[0]).isZero();
        assertThat(reader.stats().telegramsOk()).isZero();
        assertThat(counts[1]).isEqualTo(reader.stats().totalRejects()).isPositive();
    }
}
