package io.amsgrid.codec;

import io.amsgrid.codec.dlms.SecurityKeys;
import io.amsgrid.codec.testing.Vector;
import io.amsgrid.codec.testing.VectorAssertions;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Corrupted inputs (bit flips, cuts, inserted bytes) built from the MIT vectors: the decoder
 * either decodes or throws {@link HanDecodeException}; never any other exception.
 */
class HanDecoderFuzzTest {

    @Test
    void decode_corruptedVectors_onlyNamedErrors() {
        List<Vector> vectors = VectorAssertions.loadResource("/vectors/mit-vectors.jsonl").stream()
                .filter(v -> v.hex() != null).toList();
        Random r = new Random(42);
        int decoded = 0;
        int rejected = 0;
        for (Vector v : vectors) {
            byte[] original = v.bytes();
            HanFormat format = HanFormat.of(v.format());
            for (int i = 0; i < 200; i++) {
                byte[] b = mutate(original, r);
                try {
                    HanDecoder.decode(format, HexFormat.of().formatHex(b), SecurityKeys.NONE);
                    decoded++;
                } catch (HanDecodeException e) {
                    assertThat(e.code()).isNotBlank();
                    assertThat(e.getMessage()).isNotBlank();
                    rejected++;
                } catch (RuntimeException e) {
                    fail("%s mutated to %s: %s", v.id(), HexFormat.of().formatHex(b), e);
                }
            }
        }
        assertThat(rejected).isPositive();
        assertThat(decoded + rejected).isEqualTo(vectors.size() * 200);
    }

    /** For LLC payloads (no CRC to stop them) mutations reach the DLMS and list layers. */
    static byte[] mutate(byte[] in, Random r) {
        byte[] b = in.clone();
        switch (r.nextInt(4)) {
            case 0 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
            case 1 -> b = Arrays.copyOf(b, r.nextInt(b.length));
            case 2 -> {
                int at = r.nextInt(b.length);
                byte[] out = new byte[b.length + 1];
                System.arraycopy(b, 0, out, 0, at);
                out[at] = (byte) r.nextInt(256);
                System.arraycopy(b, at, out, at + 1, b.length - at);
                b = out;
            }
            default -> {
                for (int k = 0; k < 4; k++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
            }
        }
        return b;
    }
}
