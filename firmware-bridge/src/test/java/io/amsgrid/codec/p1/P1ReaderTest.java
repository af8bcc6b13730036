package io.amsgrid.codec.p1;

import io.amsgrid.codec.testing.Chunks;
import io.amsgrid.codec.testing.Vector;
import io.amsgrid.codec.testing.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class P1ReaderTest {
    private static final String DSMR22 = "/ISk5\\2ME382-1003\r\n\r\n0-0:96.1.1(4B414C37303035313039333339373132)\r\n"
            + "1-0:1.8.1(00512.742*kWh)\r\n1-0:2.8.1(00000.000*kWh)\r\n0-0:96.14.0(0001)\r\n"
            + "1-0:1.7.0(0000.29*kW)\r\n0-1:24.3.0(121030140000)(00)(60)(1)(0-1:24.2.1)(m3)\r\n(00123.456)\r\n!\r\n";

    record Recorded(List<Object> events, P1Stats stats) {
        List<P1Telegram> telegrams() {
            return events.stream().filter(P1Telegram.class::isInstance).map(P1Telegram.class::cast).toList();
        }

        List<P1RejectReason> reasons() {
            return events.stream().filter(P1Reject.class::isInstance).map(e -> ((P1Reject) e).reason()).toList();
        }
    }

    static Recorded run(Consumer<Consumer<byte[]>> chunking) {
        List<Object> events = new ArrayList<>();
        P1Reader reader = new P1Reader(new P1Listener() {
            @Override
            public void onTelegram(P1Telegram telegram) {
                events.add(telegram);
            }

            @Override
            public void onReject(P1Reject reject) {
                events.add(reject);
            }
        });
        chunking.accept(chunk -> {
            if (chunk.length == 1) {
                reader.feed(chunk[0]);
            } else {
                reader.feed(chunk);
            }
        });
        reader.endOfInput();
        return new Recorded(events, reader.stats());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 11})
    void feed_vectorsWithNoiseAndPartialsInAnyChunking_sameTelegramsAndRejects(long seed) {
        List<Vector> vectors = Vectors.withFormat("dsmr-p1");
        Chunks.Builder stream = new Chunks.Builder(seed);
        List<P1Telegram> expected = new ArrayList<>();
        byte[] noise = ascii("/!()*0123456789ABCDEF:-.\r\n xyz");
        for (Vector v : vectors) {
            switch (stream.random().nextInt(4)) {
                case 0 -> stream.garbage(1 + stream.random().nextInt(60), noise);
                case 1 -> stream.partial(vectors.get(stream.random().nextInt(vectors.size())).bytes());
                case 2 -> stream.garbage(1 + stream.random().nextInt(20), null);
                default -> { }
            }
            stream.bytes(v.bytes()).bytes(ascii("\r\n"));
            expected.add(P1Telegram.parse(v.text()));
        }
        byte[] bytes = stream.build();

        Recorded whole = run(feed -> Chunks.whole(bytes, feed));
        Recorded oneByOne = run(feed -> Chunks.oneByOne(bytes, feed));
        Recorded random = run(feed -> Chunks.random(bytes, seed, 300, feed));

        assertThat(whole.telegrams()).containsExactlyElementsOf(expected);
        assertThat(oneByOne.events()).containsExactlyElementsOf(whole.events());
        assertThat(random.events()).containsExactlyElementsOf(whole.events());
        assertThat(whole.stats().telegramsOk()).isEqualTo(expected.size());
    }

    @Test
    void parse_dsmr22WithoutCrcAndContinuationLine_acceptedAsAbsent() {
        P1Telegram t = P1Telegram.parse(DSMR22);

        assertThat(t.crcStatus()).isEqualTo(P1CrcStatus.ABSENT);
        assertThat(t.crc()).isEqualTo(-1);
        assertThat(t.manufacturer()).isEqualTo("ISk");
        assertThat(t.line("0-1:24.3.0")).get().satisfies(l -> assertThat(l.values()).hasSize(7)
                .last().isEqualTo(new P1Value("00123.456", null)));
        assertThat(t.value("1-0:1.8.1")).get().satisfies(v -> {
            assertThat(v.unit()).isEqualTo("kWh");
            assertThat(v.decimal()).get().isEqualTo(new java.math.BigDecimal("00512.742"));
        });
        assertThat(P1Reader.readTelegrams(ascii(DSMR22))).containsExactly(t);
    }

    @Test
    void parse_oneDigitChanged_rejectsBadCrc() {
        String text = Vectors.byId("nl-kaifa-dsmr42-dsmrparser").text().replace("1-0:1.8.1(", "1-0:1.8.1(1");

        assertThatThrownBy(() -> P1Telegram.parse(text)).isInstanceOfSatisfying(P1Exception.class, e -> {
            assertThat(e.reason()).isEqualTo(P1RejectReason.BAD_CRC);
            assertThat(e.getMessage()).contains("computed");
        });
    }

    @Test
    void feed_badCrcThenGoodTelegram_rejectsOnlyTheBadOne() {
        String good = Vectors.byId("nl-kaifa-dsmr42-dsmrparser").text();
        String bad = good.replace("1-0:1.8.1(", "1-0:1.8.1(1");

        Recorded r = run(feed -> Chunks.oneByOne(ascii(bad + good), feed));

        assertThat(r.reasons()).containsExactly(P1RejectReason.BAD_CRC);
        assertThat(r.telegrams()).containsExactly(P1Telegram.parse(good));
        assertThat(r.stats().rejects(P1RejectReason.BAD_CRC)).isEqualTo(1);
    }

    @Test
    void feed_telegramCutByNextOne_rejectsTruncated() {
        String good = Vectors.byId("dk-nes-p1-amsr-gh712").text();
        String cut = good.substring(0, good.indexOf("1-0:2.8.0"));

        Recorded r = run(feed -> Chunks.whole(ascii(cut + good), feed));

        assertThat(r.reasons()).containsExactly(P1RejectReason.TRUNCATED);
        assertThat(r.telegrams()).containsExactly(P1Telegram.parse(good));
    }

    @Test
    void feed_crcFieldNotHex_rejectsBadCrcField() {
        String good = Vectors.byId("dk-nes-p1-amsr-gh712").text();
        String bad = good.substring(0, good.indexOf('!') + 1) + "12G4\r\n";

        assertThat(run(feed -> Chunks.whole(ascii(bad), feed)).reasons()).containsExactly(P1RejectReason.BAD_CRC_FIELD);
    }

    @Test
    void feed_noBangWithinMaximum_rejectsTooLong() {
        List<Object> events = new ArrayList<>();
        P1Reader reader = new P1Reader(new P1Listener() {
            @Override
            public void onTelegram(P1Telegram telegram) {
                events.add(telegram);
            }

            @Override
            public void onReject(P1Reject reject) {
                events.add(reject);
            }
        }, 64);

        reader.feed(ascii("/ABC5 endless\r\n" + "1-0:1.8.1(000001.000*kWh)\r\n".repeat(5)));

        assertThat(events).first().isInstanceOfSatisfying(P1Reject.class,
                r -> assertThat(r.reason()).isEqualTo(P1RejectReason.TOO_LONG));
    }

    @Test
    void parse_lineWithoutParenthesis_rejectsMalformedLine() {
        assertThatThrownBy(() -> P1Telegram.parse("/ABC5x\r\n\r\n1-0:1.8.1 000001.000\r\n!\r\n"))
                .isInstanceOfSatisfying(P1Exception.class,
                        e -> assertThat(e.reason()).isEqualTo(P1RejectReason.MALFORMED_LINE));
    }

    @Test
    void endOfInput_insideTelegram_rejectsTruncated() {
        String good = Vectors.byId("dk-nes-p1-amsr-gh712").text();

        assertThat(run(feed -> Chunks.whole(ascii(good.substring(0, 100)), feed)).reasons())
                .containsExactly(P1RejectReason.TRUNCATED);
    }
}
