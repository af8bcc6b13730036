package io.amsgrid.codec.dlms;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneralBlockTransferTest {
    private static final byte[] APDU = HexFormat.of().parseHex("0f4000000000020306000013281208e20a03414243");

    private static byte[] block(int number, boolean last, byte[] data, int from, int to) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0xE0);
        b.write(last ? 0xC0 : 0x40);
        b.write(number >> 8);
        b.write(number);
        b.write(0);
        b.write(0);
        b.write(to - from);
        b.write(data, from, to - from);
        return b.toByteArray();
    }

    @Test
    void accept_blocksInOrder_reassemblesApdu() {
        GeneralBlockTransfer gbt = new GeneralBlockTransfer();
        byte[] b1 = block(1, false, APDU, 0, 7);
        byte[] b2 = block(2, false, APDU, 7, 15);
        byte[] b3 = block(3, true, APDU, 15, APDU.length);
        assertThat(gbt.accept(b1, 0, b1.length)).isNull();
        assertThat(gbt.inProgress()).isTrue();
        assertThat(gbt.accept(b2, 0, b2.length)).isNull();
        assertThat(gbt.accept(b3, 0, b3.length)).isEqualTo(APDU);
        assertThat(gbt.inProgress()).isFalse();
    }

    @Test
    void accept_missingBlock_throwsBadBlockSequenceAndRecoversOnBlockOne() {
        GeneralBlockTransfer gbt = new GeneralBlockTransfer();
        byte[] b1 = block(1, false, APDU, 0, 7);
        byte[] b3 = block(3, true, APDU, 15, APDU.length);
        gbt.accept(b1, 0, b1.length);
        assertThatThrownBy(() -> gbt.accept(b3, 0, b3.length))
                .isInstanceOfSatisfying(DlmsException.class,
                        e -> assertThat(e.reason()).isEqualTo(DlmsErrorReason.BAD_BLOCK_SEQUENCE));
        byte[] whole = block(1, true, APDU, 0, APDU.length);
        assertThat(gbt.accept(whole, 0, whole.length)).isEqualTo(APDU);
    }

    @Test
    void accept_lengthBeyondBlock_throwsTruncated() {
        byte[] b = block(1, true, APDU, 0, APDU.length);
        byte[] cut = Arrays.copyOf(b, b.length - 2);
        assertThatThrownBy(() -> new GeneralBlockTransfer().accept(cut, 0, cut.length))
                .isInstanceOfSatisfying(DlmsException.class, e -> assertThat(e.reason()).isEqualTo(DlmsErrorReason.TRUNCATED));
    }

    @Test
    void decode_singleLastBlock_decodesCarriedNotification() {
        byte[] b = block(1, true, APDU, 0, APDU.length);
        assertThat(DlmsApduDecoder.decode(b, SecurityKeys.NONE)).isInstanceOf(DlmsPayload.Notification.class);
    }
}
