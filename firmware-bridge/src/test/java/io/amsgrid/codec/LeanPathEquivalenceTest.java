package io.amsgrid.codec;

import io.amsgrid.codec.dlms.Llc;
import io.amsgrid.codec.dlms.SecurityKeys;
import io.amsgrid.codec.hdlc.HdlcException;
import io.amsgrid.codec.hdlc.HdlcFrameView;
import io.amsgrid.codec.meter.Measurement;
import io.amsgrid.codec.meter.MeterReading;
import io.amsgrid.codec.meter.MeterReadingBuffer;
import io.amsgrid.codec.meter.PlainListReader;
import io.amsgrid.codec.testing.Vector;
import io.amsgrid.codec.testing.Vectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The safety net of the public lean API: for every vector, {@link HanDecoder#reading} gives
 * exactly what the full decoder gives ({@code decode(format, bytes, keys).reading()}: values in
 * order, identity, clock, time, other values in frame order), or the same error; and for every
 * positive single HDLC frame {@link HanDecoder#readFrame} into one reused
 * {@link MeterReadingBuffer} gives that reading too.
 */
class LeanPathEquivalenceTest {

    static List<Vector> vectors() {
        return Vectors.all();
    }

    /** The vectors the full decoder reads (rejects, wrong keys and incomplete messages left out). */
    static List<Vector> positives() {
        return Vectors.matching(v -> fullOutcome(v) instanceof MeterReading);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void reading_everyVector_sameReadingOrErrorAsFullDecoder(Vector v) {
        Object full = fullOutcome(v);
        Object lean;
        try {
            lean = HanDecoder.reading(HanFormat.of(v.format()), v.bytes(), keys(v));
        } catch (HanDecodeException e) {
            lean = e.layer() + ":" + e.code() + ": " + e.getMessage();
        }
        if (full instanceof MeterReading f && lean instanceof MeterReading l) {
            assertSameReading(v.id(), l, f);
        } else {
            assertThat(lean).as(v.id()).isEqualTo(full);
        }
    }

    @Test
    void positives_theVectorFile_nearlyAllDecode() {
        assertThat(positives()).hasSizeGreaterThan(70);
    }

    @Test
    void reading_plainVectors_mostlyTakeTheLeanPath() {
        int lean = 0;
        for (Vector v : positives()) {
            byte[] apdu = plainApdu(v);
            if (apdu != null && PlainListReader.read(apdu, 0, apdu.length) != null) {
                lean++;
            }
        }
        assertThat(lean).as("positive vectors the lean path reads itself").isGreaterThan(40);
    }

    @Test
    void readFrame_everySingleFramePositive_bufferReusedMatchesFullDecoder() {
        List<Vector> frames = new ArrayList<>(positives().stream().filter(v -> v.format().equals("hdlc-dlms")
                && isSingleFrame(v.bytes())).toList());
        assertThat(frames).hasSizeGreaterThan(30);
        MeterReadingBuffer buffer = new MeterReadingBuffer();
        HdlcFrameView view = new HdlcFrameView();
        // forwards and backwards through one buffer: nothing of the previous frame may stay behind
        List<Vector> both = new ArrayList<>(frames);
        both.addAll(frames.reversed());
        for (Vector v : both) {
            MeterReading full = HanDecoder.decode(HanFormat.HDLC_DLMS, v.bytes(), keys(v)).reading();
            HanDecoder.readFrame(view, v.bytes(), keys(v), buffer);
            assertSameReading(v.id(), buffer.toReading(), full);
            assertBufferMatches(v.id(), buffer, full);
        }
    }

    @Test
    void clear_filledBuffer_readsAsEmpty() {
        MeterReadingBuffer buffer = new MeterReadingBuffer();
        HanDecoder.readFrame(new HdlcFrameView(), Vectors.byId("se-kamstrup-l2-3ph-amshan-hdlc").bytes(), SecurityKeys.NONE, buffer);
        assertThat(buffer.presentMask()).isNotZero();
        buffer.clear();
        assertThat(buffer.presentMask()).isZero();
        assertThat(buffer.value(Measurement.ACTIVE_IMPORT_W)).isNaN();
        assertThat(buffer.meterClock()).isNull();
        assertThat(buffer.meterTime()).isNull();
        assertThat(buffer.toReading().values()).isEmpty();
    }

    private static void assertBufferMatches(String id, MeterReadingBuffer b, MeterReading r) {
        for (Measurement m : Measurement.values()) {
            OptionalDouble expected = r.get(m);
            assertThat(b.has(m)).as(id + " has " + m).isEqualTo(expected.isPresent());
            if (expected.isPresent()) {
                assertThat(b.value(m)).as(id + " " + m).isEqualTo(expected.getAsDouble());
            } else {
                assertThat(b.value(m)).as(id + " " + m).isNaN();
            }
        }
        Instant t = r.meterTime();
        assertThat(b.hasTime()).as(id + " hasTime").isEqualTo(t != null);
        if (t != null) {
            assertThat(b.epochSecond()).as(id + " epochSecond").isEqualTo(t.getEpochSecond());
            assertThat(b.nanoOfSecond()).as(id + " nanoOfSecond").isEqualTo(t.getNano());
        }
        assertThat(b.meterClock()).as(id + " meterClock").isEqualTo(r.meterClock());
        assertThat(b.listId()).as(id).isEqualTo(r.listId());
        assertThat(b.meterId()).as(id).isEqualTo(r.meterId());
        assertThat(b.meterType()).as(id).isEqualTo(r.meterType());
        assertThat(List.copyOf(b.other().entrySet())).as(id + " other").isEqualTo(List.copyOf(r.other().entrySet()));
    }

    static void assertSameReading(String id, MeterReading lean, MeterReading full) {
        assertThat(lean).as(id).isEqualTo(full);
        // iteration order too (map equality ignores it)
        assertThat(List.copyOf(lean.values().entrySet())).as(id + " values, in order")
                .isEqualTo(List.copyOf(full.values().entrySet()));
        assertThat(List.copyOf(lean.other().entrySet())).as(id + " other, in order")
                .isEqualTo(List.copyOf(full.other().entrySet()));
    }

    /** The unencrypted APDU of a LLC / APDU / single-frame HDLC vector, or null. */
    private static byte[] plainApdu(Vector v) {
        byte[] b = v.bytes();
        return switch (v.format()) {
            case "llc-dlms" -> java.util.Arrays.copyOfRange(b, Llc.LENGTH, b.length);
            case "dlms-apdu" -> b;
            case "hdlc-dlms" -> {
                if (!isSingleFrame(b)) {
                    yield null;
                }
                HdlcFrameView view = new HdlcFrameView().wrap(b, 0, b.length);
                int start = view.informationOffset() + Llc.LENGTH;
                yield java.util.Arrays.copyOfRange(b, start, view.informationOffset() + view.informationLength());
            }
            default -> null;
        };
    }

    private static boolean isSingleFrame(byte[] b) {
        try {
            HdlcFrameView view = new HdlcFrameView().wrap(b, 0, b.length);
            return !view.segmented() && Llc.startsWithLlc(b, view.informationOffset(), view.informationLength());
        } catch (HdlcException e) {
            return false;
        }
    }

    /** The full decoder's reading, or "LAYER:CODE: message". */
    private static Object fullOutcome(Vector v) {
        try {
            return HanDecoder.decode(HanFormat.of(v.format()), v.bytes(), keys(v)).reading();
        } catch (HanDecodeException e) {
            return e.layer() + ":" + e.code() + ": " + e.getMessage();
        }
    }

    private static SecurityKeys keys(Vector v) {
        return v.keyHex() == null ? SecurityKeys.NONE : SecurityKeys.ofHex(v.keyHex(), v.authKeyHex());
    }
}
