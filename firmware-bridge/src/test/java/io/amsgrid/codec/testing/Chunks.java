package io.amsgrid.codec.testing;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.function.Consumer;

/** Ways of cutting a byte stream into the pieces a serial port might deliver. */
public final class Chunks {
    private Chunks() {
    }

    /** The whole stream in one piece. */
    public static void whole(byte[] stream, Consumer<byte[]> feed) {
        feed.accept(stream.clone());
    }

    /** One byte at a time. */
    public static void oneByOne(byte[] stream, Consumer<byte[]> feed) {
        for (byte b : stream) {
            feed.accept(new byte[] {b});
        }
    }

    /** Random pieces of 1..maxChunk bytes, from a seeded generator. */
    public static void random(byte[] stream, long seed, int maxChunk, Consumer<byte[]> feed) {
        Random random = new Random(seed);
        int i = 0;
        while (i < stream.length) {
            int n = Math.min(stream.length - i, 1 + random.nextInt(maxChunk));
            byte[] piece = new byte[n];
            System.arraycopy(stream, i, piece, 0, n);
            feed.accept(piece);
            i += n;
        }
    }

    /** Builds a test stream. */
    public static final class Builder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final Random random;

        public Builder(long seed) {
            random = new Random(seed);
        }

        public Random random() {
            return random;
        }

        public Builder bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        /** {@code n} random bytes drawn from {@code alphabet} (all byte values when null). */
        public Builder garbage(int n, byte[] alphabet) {
            for (int i = 0; i < n; i++) {
                out.write(alphabet == null ? random.nextInt(256) : alphabet[random.nextInt(alphabet.length)]);
            }
            return this;
        }

        /**
         * A prefix of {@code b} cut at a random point: at least 1 byte, at most all but the last two
         * (without its last byte, a frame would be closed by the next frame's opening flag).
         */
        public Builder partial(byte[] b) {
            out.write(b, 0, 1 + random.nextInt(b.length - 2));
            return this;
        }

        public byte[] build() {
            return out.toByteArray();
        }
    }
}
