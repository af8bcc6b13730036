package io.amsgrid.codec.meter;

import io.amsgrid.codec.dlms.Llc;
import io.amsgrid.codec.testing.Vectors;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list plan ({@link ListPlan}) inside a reused {@link MeterReadingBuffer}: whatever byte of a
 * repeated list changes, the reused buffer gives what a fresh buffer (no plan) gives; a changed
 * layout (OBIS code, type tag, list id) is never read through the old plan.
 */
class ListPlanTest {
    private static final byte[] KAMSTRUP_L2 = apdu("se-kamstrup-l2-3ph-amshan-llc");

    private static byte[] apdu(String id) {
        byte[] llc = Vectors.byId(id).bytes();
        return Arrays.copyOfRange(llc, Llc.LENGTH, llc.length);
    }

    /** The lean reading of {@code apdu} from a buffer that has seen no list, or null when the lean path declines. */
    private static MeterReading fresh(byte[] apdu) {
        MeterReadingBuffer b = new MeterReadingBuffer();
        return PlainListReader.fill(apdu, 0, apdu.length, b) ? b.toReading() : null;
    }

    private static MeterReading reused(MeterReadingBuffer b, byte[] apdu) {
        return PlainListReader.fill(apdu, 0, apdu.length, b) ? b.toReading() : null;
    }

    @Test
    void fill_repeatedList_usesThePlanAndReadsNewValues() {
        MeterReadingBuffer buffer = new MeterReadingBuffer();
        MeterReading first = reused(buffer, KAMSTRUP_L2);
        assertThat(buffer.reader()).extracting("listPlan").extracting("length").isEqualTo(KAMSTRUP_L2.length);
        byte[] next = KAMSTRUP_L2.clone();
        int at = valueOf(next, new byte[] {1, 1, 1, 7, 0, (byte) 255});
        next[at + 4]++; // active import power + 1 W
        MeterReading second = reused(buffer, next);
        assertThat(second).isEqualTo(fresh(next));
        assertThat(second.get(Measurement.ACTIVE_IMPORT_W).getAsDouble())
                .isEqualTo(first.get(Measurement.ACTIVE_IMPORT_W).getAsDouble() + 1);
    }

    @Test
    void fill_obisCodeChangedBetweenFrames_planNotUsed() {
        MeterReadingBuffer buffer = new MeterReadingBuffer();
        MeterReading first = reused(buffer, KAMSTRUP_L2);
        byte[] changed = KAMSTRUP_L2.clone();
        int at = valueOf(changed, new byte[] {1, 1, 1, 7, 0, (byte) 255});
        changed[at - 6] = 2; // the meter now labels that value 1.1.2.7.0.255 (active export power)
        MeterReading second = reused(buffer, changed);
        assertThat(second).isEqualTo(fresh(changed));
        assertThat(second).isNotEqualTo(first);
        assertThat(second.get(Measurement.ACTIVE_IMPORT_W)).isEmpty(); // no longer labelled active import
        assertThat(reused(buffer, KAMSTRUP_L2)).isEqualTo(first);
    }

    @Test
    void fill_valueTypeChangedBetweenFrames_planNotUsed() {
        MeterReadingBuffer buffer = new MeterReadingBuffer();
        reused(buffer, KAMSTRUP_L2);
        byte[] changed = KAMSTRUP_L2.clone();
        int at = valueOf(changed, new byte[] {1, 1, 1, 7, 0, (byte) 255});
        assertThat(changed[at]).isEqualTo((byte) 0x06); // double-long-unsigned
        changed[at] = 0x05; // double-long (signed): same length, other meaning
        changed[at + 1] = (byte) 0xFF; // a negative number now
        assertThat(reused(buffer, changed)).isEqualTo(fresh(changed));
        assertThat(fresh(changed).get(Measurement.ACTIVE_IMPORT_W).getAsDouble()).isNegative();
    }

    @Test
    void fill_everySingleByteChange_reusedBufferEqualsFreshBuffer() {
        MeterReadingBuffer buffer = new MeterReadingBuffer();
        MeterReading base = reused(buffer, KAMSTRUP_L2);
        int checked = 0;
        for (int i = 0; i < KAMSTRUP_L2.length; i++) {
            for (int delta : new int[] {1, 0x40, 0x80, 0xFF}) {
                byte[] mutated = KAMSTRUP_L2.clone();
                mutated[i] = (byte) (mutated[i] ^ delta);
                assertThat(reused(buffer, mutated)).as("byte %d ^ %02x", i, delta).isEqualTo(fresh(mutated));
                assertThat(reused(buffer, KAMSTRUP_L2)).as("back after byte %d ^ %02x", i, delta).isEqualTo(base);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(KAMSTRUP_L2.length * 4);
    }

    @Test
    void fill_otherListsThenBack_eachReadAsFresh() {
        MeterReadingBuffer buffer = new MeterReadingBuffer();
        String[] ids = {"se-kamstrup-l2-3ph-amshan-llc", "no-kamstrup-l2-3ph-doc-amshan", "no-kamstrup-l3-1ph-amshan",
                "no-kaifa-l2-3ph-amshan", "no-kaifa-l3-3ph-amshan", "se-kaifa-l3-obis-amshan", "no-aidon-l2-3w-amshan",
                "se-aidon-rj12-amshan", "no-kaifa-l1-amshan"};
        for (int round = 0; round < 2; round++) {
            for (String id : ids) {
                byte[] apdu = apdu(id);
                MeterReading expected = fresh(apdu);
                assertThat(expected).as(id).isNotNull();
                assertThat(reused(buffer, apdu)).as(id).isEqualTo(expected);
                assertThat(reused(buffer, apdu)).as(id + " repeated").isEqualTo(expected);
            }
        }
        byte[] shorter = Arrays.copyOf(KAMSTRUP_L2, KAMSTRUP_L2.length - 1);
        assertThat(reused(buffer, shorter)).isEqualTo(fresh(shorter));
        assertThat(reused(buffer, KAMSTRUP_L2)).isEqualTo(fresh(KAMSTRUP_L2));
    }

    /** The offset of the value's type tag after the OBIS octet-string {@code obis} in {@code apdu}. */
    private static int valueOf(byte[] apdu, byte[] obis) {
        byte[] label = new byte[8];
        label[0] = 0x09;
        label[1] = 6;
        System.arraycopy(obis, 0, label, 2, 6);
        String hex = HexFormat.of().formatHex(apdu);
        int at = hex.indexOf(HexFormat.of().formatHex(label));
        assertThat(at % 2).isZero();
        return at / 2 + 8;
    }
}
