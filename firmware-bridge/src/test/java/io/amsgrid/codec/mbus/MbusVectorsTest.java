package io.amsgrid.codec.mbus;

import io.amsgrid.codec.testing.Vector;
import io.amsgrid.codec.testing.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MbusVectorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"pl-kaifa-ma309-mbus-enc-amsr-gh905", "neg-wrong-key-kaifa-gh905"})
    void readMessages_kaifaTwoSegmentVector_reassemblesGloCipheringApdu(String id) {
        Vector v = Vectors.byId(id);

        List<MbusMessage> messages = MbusFrameReader.readMessages(v.bytes());

        assertThat(messages).singleElement().isInstanceOfSatisfying(MbusMessage.DlmsApdu.class, apdu -> {
            assertThat(apdu.segmentCount()).isEqualTo(2);
            assertThat(apdu.control()).isEqualTo(0x53);
            assertThat(apdu.address()).isEqualTo(0xFF);
            assertThat(apdu.sourceTsap()).isEqualTo(0x01);
            assertThat(apdu.destinationTsap()).isEqualTo(0x67);
            // 250 - C A CI STSAP DTSAP = 245, plus 114 - 5 = 109
            assertThat(apdu.apdu()).hasSize(245 + 109);
            // general-glo-ciphering, system title of 8 bytes "KFM" ...
            assertThat(apdu.apdu()).startsWith(0xDB, 0x08, 'K', 'F', 'M');
        });
    }

    @Test
    void readMessages_en13757Vector_deliversApplicationFrameWithLongHeader() {
        Vector v = Vectors.byId("at-siemens-amis-mbus-aescbc-drvolcano");

        List<MbusMessage> messages = MbusFrameReader.readMessages(v.bytes());

        assertThat(messages).singleElement().isInstanceOfSatisfying(MbusMessage.ApplicationFrame.class, frame -> {
            assertThat(frame.control()).isEqualTo(0x73);
            assertThat(frame.address()).isEqualTo(0xF0);
            assertThat(frame.ci()).isEqualTo(0x5B);
            assertThat(frame.userData()).hasSize(0x5F - 3);
        });
    }
}
