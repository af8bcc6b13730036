package io.amsgrid.codec.payload;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Damaged input of every kind must end in a PayloadException (or a valid payload), never in anything else. */
class PayloadFuzzTest {
    private static final int ROUNDS = 20_000;

    @Test
    void decode_randomTruncations_throwOnlyPayloadExceptionWithWrongLength() {
        Random rnd = new Random(11);
        for (int i = 0; i < ROUNDS; i++) {
            byte[] b = PayloadCodec.encode(Payloads.random(rnd));
            byte[] cut = Arrays.copyOf(b, rnd.nextInt(b.length));
            PayloadRejectReason reason = reasonOf(() -> PayloadCodec.decode(cut));
            assertThat(reason).as("truncated to %d of %d", cut.length, b.length)
                    .isIn(PayloadRejectReason.WRONG_LENGTH, PayloadRejectReason.UNKNOWN_VERSION);
        }
    }

    @Test
    void decode_randomBitFlips_areAllDetected() {
        Random rnd = new Random(12);
        Set<PayloadRejectReason> seen = EnumSet.noneOf(PayloadRejectReason.class);
        for (int i = 0; i < ROUNDS; i++) {
            byte[] b = PayloadCodec.encode(Payloads.random(rnd));
            long flips = 1 + rnd.nextInt(3);
            rnd.ints(0, b.length * 8).distinct().limit(flips)
                    .forEach(bit -> b[bit / 8] ^= (byte) (1 << (bit % 8)));
            PayloadRejectReason reason = reasonOf(() -> PayloadCodec.decode(b));
            // CRC-16 detects every error of up to 3 bits in messages this short (Hamming distance 4).
            assertThat(reason).as("%d flips in %s", flips, java.util.HexFormat.of().formatHex(b)).isNotNull();
            seen.add(reason);
        }
        assertThat(seen).contains(PayloadRejectReason.BAD_CHECKSUM, PayloadRejectReason.WRONG_LENGTH,
                PayloadRejectReason.UNKNOWN_VERSION, PayloadRejectReason.UNKNOWN_TYPE);
    }

    @Test
    void decode_randomBytes_throwOnlyPayloadException() {
        Random rnd = new Random(13);
        for (int i = 0; i < ROUNDS; i++) {
            byte[] b = new byte[rnd.nextInt(200)];
            rnd.nextBytes(b);
            if (b.length > 0 && rnd.nextBoolean()) {
                b[0] = 1;
            }
            if (b.length > 1 && rnd.nextBoolean()) {
                b[1] = (byte) (1 + rnd.nextInt(3));
            }
            reasonOf(() -> PayloadCodec.decode(b));
        }
    }

    @Test
    void fromJson_randomlyDamagedJson_throwsOnlyPayloadException() {
        Random rnd = new Random(14);
        for (int i = 0; i < ROUNDS / 4; i++) {
            byte[] json = PayloadJson.toJson(Payloads.random(rnd)).getBytes(StandardCharsets.UTF_8);
            byte[] damaged = rnd.nextBoolean() ? Arrays.copyOf(json, rnd.nextInt(json.length)) : json;
            if (damaged == json) {
                damaged[rnd.nextInt(json.length)] = (byte) rnd.nextInt(256);
            }
            byte[] input = damaged;
            reasonOf(() -> PayloadJson.fromJson(input));
        }
    }

    /** The reject reason, or {@code null} when the input decoded; any other throwable fails the test. */
    private static PayloadRejectReason reasonOf(Runnable decode) {
        try {
            decode.run();
            return null;
        } catch (PayloadException e) {
            return e.reason();
        }
    }
}
