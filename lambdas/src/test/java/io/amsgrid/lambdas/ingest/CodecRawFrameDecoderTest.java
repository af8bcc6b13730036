package io.amsgrid.lambdas.ingest;

import io.amsgrid.codec.meter.Measurement;
import io.amsgrid.codec.meter.MeterReading;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodecRawFrameDecoderTest {
    /** The real Aidon List 1 frame of the raw-hdlc.json fixture: 0x067D = 1661 W import. */
    private static final String AIDON_LIST1 = "fqAqQQiDEwQT5ucAD0AAAAAAAQECAwkGAQABBwD/BgAABn0CAg8AFhscBX4=";

    @Test
    void decode_realAidonList1Frame_givesTheActivePower() {
        MeterReading r = new CodecRawFrameDecoder().decode(Base64.getDecoder().decode(AIDON_LIST1));
        assertThat(r.values()).containsOnlyKeys(Measurement.ACTIVE_IMPORT_W);
        assertThat(r.values().get(Measurement.ACTIVE_IMPORT_W)).isEqualTo(0x067D);
    }

    @Test
    void decode_corruptedFrame_isRejectedWithTheCodecsReason() {
        byte[] frame = Base64.getDecoder().decode(AIDON_LIST1);
        frame[20] ^= 0x01;
        assertThatThrownBy(() -> new CodecRawFrameDecoder().decode(frame))
                .isInstanceOfSatisfying(IngestRejection.class, e -> {
                    assertThat(e.reason()).isEqualTo(IngestRejectReason.RAW_FRAME_REJECTED);
                    assertThat(e.getMessage()).contains("HDLC.BAD_FCS");
                });
    }

    @Test
    void validate_rawEventWithTheCodec_isAcceptedAsARawReading() {
        IngestValidator validator = new IngestValidator(ZoneId.of("Europe/Oslo"), Duration.ofMinutes(5),
                new CodecRawFrameDecoder());
        Map<String, Object> event = new HashMap<>();
        event.put("payload", AIDON_LIST1);
        event.put("topic", "raw/gw-0001");
        event.put("thing", "gw-0001");
        event.put("receivedAtMs", 1_700_000_065_123L);
        assertThat(validator.validate(IngestEvent.parse(event)).kind().topicPrefix()).isEqualTo("raw");
    }
}
