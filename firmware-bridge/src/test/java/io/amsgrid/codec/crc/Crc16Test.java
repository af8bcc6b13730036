package io.amsgrid.codec.crc;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Crc16Test {
    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void compute_checkString_givesCatalogueCheckValues() {
        assertThat(Crc16X25.compute(CHECK, 0, CHECK.length)).isEqualTo(0x906E);
        assertThat(Crc16X25.computeBytewise(CHECK, 0, CHECK.length)).isEqualTo(0x906E);
        assertThat(Crc16Arc.compute(CHECK, 0, CHECK.length)).isEqualTo(0xBB3D);
        assertThat(Crc16Arc.computeBytewise(CHECK, 0, CHECK.length)).isEqualTo(0xBB3D);
    }

    @Test
    void compute_emptyInput_givesInitXorOut() {
        assertThat(Crc16X25.compute(new byte[0], 0, 0)).isEqualTo(0x0000);
        assertThat(Crc16Arc.compute(new byte[0], 0, 0)).isEqualTo(0x0000);
    }

    @Test
    void compute_randomData_slicingEqualsBytewiseForEveryLengthAndOffset() {
        Random random = new Random(20261125L);
        byte[] data = new byte[600];
        for (int round = 0; round < 40; round++) {
            random.nextBytes(data);
            for (int len = 0; len <= 80; len++) {
                int off = random.nextInt(data.length - len + 1);
                assertThat(Crc16X25.compute(data, off, len)).isEqualTo(Crc16X25.computeBytewise(data, off, len));
                assertThat(Crc16X25.computeSlicingBy4(data, off, len)).isEqualTo(Crc16X25.computeBytewise(data, off, len));
                assertThat(Crc16X25.computeSlicingBy16(data, off, len)).isEqualTo(Crc16X25.computeBytewise(data, off, len));
                assertThat(Crc16Arc.compute(data, off, len)).isEqualTo(Crc16Arc.computeBytewise(data, off, len));
            }
            int off = random.nextInt(50);
            int len = data.length - off - random.nextInt(50);
            assertThat(Crc16X25.compute(data, off, len)).isEqualTo(Crc16X25.computeBytewise(data, off, len));
        }
    }

    @Test
    void update_inPieces_equalsComputeInOne() {
        byte[] data = new byte[333];
        new Random(7).nextBytes(data);
        int crc = Crc16Arc.update(0, data, 0, 100);
        crc = Crc16Arc.update(crc, data, 100, 233);
        assertThat(crc).isEqualTo(Crc16Arc.compute(data, 0, data.length));
    }

    @Test
    void matches_realHdlcHeader_checksHcsAsSentLeastSignificantByteFirst() {
        // Kaifa List 1 frame (amshan test data): 7E A0 27 01 02 01 10 5A 87 ...; HCS 5A 87 over A0..10
        byte[] frame = HexFormat.of().parseHex("7ea027010201105a87");
        assertThat(Crc16X25.matches(frame, 1, 6, 7)).isTrue();
        frame[3] ^= 1;
        assertThat(Crc16X25.matches(frame, 1, 6, 7)).isFalse();
    }

    @Test
    void compute_rangeOutsideArray_throws() {
        assertThatThrownBy(() -> Crc16X25.compute(new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Crc16Arc.compute(new byte[4], -1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
