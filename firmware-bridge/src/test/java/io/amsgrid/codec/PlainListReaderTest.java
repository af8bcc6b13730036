package io.amsgrid.codec;

import io.amsgrid.codec.dlms.DlmsException;
import io.amsgrid.codec.dlms.Llc;
import io.amsgrid.codec.dlms.SecurityKeys;
import io.amsgrid.codec.hdlc.HdlcException;
import io.amsgrid.codec.hdlc.HdlcFrame;
import io.amsgrid.codec.hdlc.HdlcFrameReader;
import io.amsgrid.codec.hdlc.HdlcFrameView;
import io.amsgrid.codec.meter.MeterReading;
import io.amsgrid.codec.meter.PlainListReader;
import io.amsgrid.codec.testing.Vector;
import io.amsgrid.codec.testing.Vectors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lean path ({@link PlainListReader} inside {@link HanDecoder#readingOfFrame}) against the
 * full decoder: every HDLC/LLC/APDU vector of {@code ../shared/vectors} and thousands of corrupted
 * copies must give the same reading (values, identity, clock, time, {@code other} in order) or
 * the same error.
 */
class PlainListReaderTest {
    private static final Set<String> BINARY = Set.of("hdlc-dlms", "hdlc-dlms-gbt", "llc-dlms", "dlms-apdu", "dlms-glo-raw");

    /** One APDU per unit of work: the information fields (after LLC) of the vectors' frames, or the APDU itself. */
    private record Apdu(String id, byte[] bytes, SecurityKeys keys) {
    }

    @Test
    void readingOfFrame_everyHdlcVector_sameAsFullDecoder() {
        int frames = 0;
        for (Vector v : Vectors.matching(v -> v.format().startsWith("hdlc"))) {
            byte[] b = v.bytes();
            assertSame(v.id(), frameOutcome(b, keys(v), true), frameOutcome(b, keys(v), false));
            frames++;
        }
        assertThat(frames).isGreaterThan(50);
    }

    @Test
    void readingOfApdu_everyVectorApdu_sameAsFullDecoder() {
        List<Apdu> apdus = apdus();
        assertThat(apdus).hasSizeGreaterThan(60);
        for (Apdu a : apdus) {
            assertSame(a.id(), apduOutcome(a.bytes(), a.keys(), true), apduOutcome(a.bytes(), a.keys(), false));
        }
    }

    @Test
    void read_vendorProfiles_handledByTheLeanPath() {
        List<String> ids = List.of("se-kamstrup-l2-3ph-amshan-hdlc", "no-kamstrup-l3-1ph-amshan", "no-kaifa-l2-3ph-elwiz",
                "no-kaifa-l3-3ph-elwiz-2020", "no-kaifa-l1-elwiz", "se-kaifa-l3-obis-amshan", "no-aidon-l2-3w-amshan",
                "no-aidon-l3-3ph-elwiz", "no-aidon-l1-elwiz");
        for (String id : ids) {
            Apdu a = apdus().stream().filter(x -> x.id().startsWith(id + "#")).findFirst().orElseThrow();
            assertThat(PlainListReader.read(a.bytes(), 0, a.bytes().length)).as(id).isNotNull();
        }
        long lean = apdus().stream().filter(a -> PlainListReader.read(a.bytes(), 0, a.bytes().length) != null).count();
        assertThat(lean).as("APDUs the lean path reads").isGreaterThan(40);
    }

    @Test
    void readingOfApdu_corruptedApdus_sameReadingOrSameError() {
        Random r = new Random(7);
        int readings = 0;
        int errors = 0;
        for (Apdu a : apdus()) {
            for (int i = 0; i < 300; i++) {
                byte[] b = HanDecoderFuzzTest.mutate(a.bytes(), r);
                if (b.length == 0) {
                    continue;
                }
                Object lean = apduOutcome(b, a.keys(), true);
                assertSame(a.id() + " mutated to " + HexFormat.of().formatHex(b), lean, apduOutcome(b, a.keys(), false));
                if (lean instanceof String) {
                    errors++;
                } else {
                    readings++;
                }
            }
        }
        assertThat(readings).isPositive();
        assertThat(errors).isPositive();
    }

    @Test
    void readingOfFrame_corruptedFrames_sameReadingOrSameError() {
        Random r = new Random(11);
        for (Vector v : Vectors.matching(v -> v.format().startsWith("hdlc"))) {
            for (int i = 0; i < 100; i++) {
                byte[] b = HanDecoderFuzzTest.mutate(v.bytes(), r);
                assertSame(v.id(), frameOutcome(b, keys(v), true), frameOutcome(b, keys(v), false));
            }
        }
    }

    private static List<Apdu> apdus() {
        List<Apdu> out = new ArrayList<>();
        for (Vector v : Vectors.matching(v -> BINARY.contains(v.format()))) {
            byte[] b = v.bytes();
            if (v.format().startsWith("hdlc")) {
                List<HdlcFrame> frames;
                try {
                    frames = HdlcFrameReader.readFrames(b);
                } catch (HdlcException e) {
                    continue; // the negative frame vectors: readingOfFrame_everyHdlcVector covers them
                }
                for (int i = 0; i < frames.size(); i++) {
                    byte[] info = frames.get(i).information();
                    if (Llc.startsWithLlc(info, 0, info.length)) {
                        out.add(new Apdu(v.id() + "#" + i, java.util.Arrays.copyOfRange(info, Llc.LENGTH, info.length), keys(v)));
                    }
                }
            } else if (v.format().equals("llc-dlms")) {
                out.add(new Apdu(v.id() + "#0", java.util.Arrays.copyOfRange(b, Llc.LENGTH, b.length), keys(v)));
            } else {
                out.add(new Apdu(v.id() + "#0", b, keys(v)));
            }
        }
        return out;
    }

    private static SecurityKeys keys(Vector v) {
        return v.keyHex() == null ? SecurityKeys.NONE : SecurityKeys.ofHex(v.keyHex(), v.authKeyHex());
    }

    /** The reading, or "LAYER:CODE: message" for an error. */
    private static Object frameOutcome(byte[] frame, SecurityKeys keys, boolean lean) {
        try {
            return HanDecoder.readingOfFrame(new HdlcFrameView(), frame, keys, lean);
        } catch (HanDecodeException e) {
            return e.layer() + ":" + e.code() + ": " + e.getMessage();
        }
    }

    private static Object apduOutcome(byte[] apdu, SecurityKeys keys, boolean lean) {
        try {
            return HanDecoder.readingOfApdu(apdu, 0, apdu.length, keys, lean);
        } catch (HanDecodeException e) {
            return e.layer() + ":" + e.code() + ": " + e.getMessage();
        } catch (DlmsException e) {
            return "DLMS:" + e.reason() + ": " + e.getMessage();
        }
    }

    private static void assertSame(String what, Object lean, Object full) {
        assertThat(lean).as(what).isEqualTo(full);
        if (lean instanceof MeterReading l && full instanceof MeterReading f) {
            // the maps' iteration order too (LinkedHashMap.equals ignores it)
            assertThat(List.copyOf(l.other().entrySet())).as(what + " other, in order")
                    .isEqualTo(List.copyOf(f.other().entrySet()));
            assertThat(List.copyOf(l.values().entrySet())).as(what + " values, in order")
                    .isEqualTo(List.copyOf(f.values().entrySet()));
        }
    }
}
