package io.amsgrid.codec.mbus;

import com.fasterxml.jackson.databind.JsonNode;
import io.amsgrid.codec.testing.Vector;
import io.amsgrid.codec.testing.Vectors;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class En13757DecoderTest {
    private static final Vector AMIS = Vectors.byId("at-siemens-amis-mbus-aescbc-drvolcano");

    private static byte[] key() {
        return HexFormat.of().parseHex(AMIS.keyHex());
    }

    @Test
    void decode_amisVector_headerAndPlaintextAsExpected() {
        En13757Telegram t = En13757Decoder.decode(AMIS.bytes(), key());
        JsonNode mbus = AMIS.expected().path("mbus");

        assertThat(t.control()).isEqualTo(Integer.parseInt(mbus.path("C").asText(), 16));
        assertThat(t.ci()).isEqualTo(0x5B);
        assertThat(t.manufacturer()).isEqualTo(mbus.path("manufacturer").asText());
        assertThat(t.id()).isEqualTo(mbus.path("id_bcd").asText());
        assertThat(t.version()).isEqualTo(mbus.path("version").asInt());
        assertThat(t.medium()).isEqualTo(mbus.path("medium").asInt());
        assertThat(t.accessNumber()).isEqualTo(mbus.path("access_no").asInt());
        assertThat(t.securityMode()).isEqualTo(5);
        assertThat(HexFormat.of().formatHex(t.plaintext())).isEqualTo(AMIS.expected().path("plaintext_hex").asText());
    }

    @Test
    void decode_amisVector_valuesAndTimestampAsExpected() {
        En13757Telegram t = En13757Decoder.decode(AMIS.bytes(), key());
        Map<String, En13757Telegram.Quantity> values = t.values();

        Iterator<Map.Entry<String, JsonNode>> expected = AMIS.expected().path("values").properties().iterator();
        int n = 0;
        while (expected.hasNext()) {
            Map.Entry<String, JsonNode> e = expected.next();
            assertThat(values).as(e.getKey()).containsKey(e.getKey());
            En13757Telegram.Quantity q = values.get(e.getKey());
            assertThat((BigDecimal) q.value()).as(e.getKey()).isEqualByComparingTo(e.getValue().path("value").decimalValue());
            assertThat(q.unit()).as(e.getKey()).isEqualTo(e.getValue().path("unit").asText());
            n++;
        }
        assertThat(values).hasSize(n);
        assertThat(t.timestamp()).contains(LocalDateTime.parse(AMIS.expected().path("timestamp").path("value").asText()));
    }

    @Test
    void decode_wrongKey_rejectsWrongKey() {
        byte[] wrong = key();
        wrong[0] ^= 1;

        assertThatThrownBy(() -> En13757Decoder.decode(AMIS.bytes(), wrong)).isInstanceOfSatisfying(
                En13757Exception.class, e -> assertThat(e.reason()).isEqualTo(En13757RejectReason.WRONG_KEY));
    }

    @Test
    void decode_noKey_rejectsKeyMissing() {
        assertThatThrownBy(() -> En13757Decoder.decode(AMIS.bytes(), null)).isInstanceOfSatisfying(
                En13757Exception.class, e -> assertThat(e.reason()).isEqualTo(En13757RejectReason.KEY_MISSING));
    }

    @Test
    void decode_dlmsFrames_rejectsNotAnApplicationFrame() {
        byte[] dlms = Vectors.byId("pl-kaifa-ma309-mbus-enc-amsr-gh905").bytes();

        assertThatThrownBy(() -> En13757Decoder.decode(dlms, key())).isInstanceOfSatisfying(En13757Exception.class,
                e -> assertThat(e.reason()).isEqualTo(En13757RejectReason.NOT_AN_APPLICATION_FRAME));
    }

    @Test
    void manufacturer_sam_fromItsCode() {
        assertThat(En13757Decoder.manufacturer(0x4C2D)).isEqualTo("SAM");
    }
}
