package io.amsgrid.codec.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.amsgrid.codec.DecodedList;
import io.amsgrid.codec.HanDecodeException;
import io.amsgrid.codec.HanDecoder;
import io.amsgrid.codec.HanFormat;
import io.amsgrid.codec.dlms.SecurityKeys;
import io.amsgrid.codec.meter.Measurement;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Checks one vector line against the decoder, by the acceptance rules: positives decode and
 * match every expected value whose {@code src} is asserted, stated or computed (1e-9 relative,
 * unit exact); negatives are rejected with the reason their text names; holdouts decode.
 * {@code golden_amsreader} values are only compared for a report (hints).
 */
public final class VectorAssertions {

    private VectorAssertions() {
    }

    /** A line that must be rejected: expected says so, or (holdouts without expected) its id starts with "neg-". */
    public static boolean negative(Vector v) {
        return v.isReject() || (v.expected() == null && v.id().startsWith("neg-"));
    }

    /** Loads a vectors file from the test classpath, e.g. {@code /vectors/mit-vectors.jsonl}. */
    public static List<Vector> loadResource(String resource) {
        try {
            java.net.URL url = VectorAssertions.class.getResource(resource);
            if (url == null) {
                throw new IllegalStateException("test resource " + resource + " missing");
            }
            return Vectors.load(java.nio.file.Path.of(url.toURI()));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static DecodedList decode(Vector v) {
        HanFormat format = HanFormat.of(v.format());
        SecurityKeys keys = SecurityKeys.ofHex(v.keyHex(), v.authKeyHex());
        return HanDecoder.decode(format, format.isText() ? v.text() : v.hex(), keys);
    }

    /** Asserts the vector; returns the golden-hint mismatches (never failures). */
    public static List<String> check(Vector v) {
        if (negative(v)) {
            Set<String> codes = expectedRejectCodes(v);
            assertThatThrownBy(() -> decode(v)).as("%s must be rejected", v.id())
                    .isInstanceOfSatisfying(HanDecodeException.class, e -> {
                        if (!codes.isEmpty()) {
                            assertThat(e.code()).as("%s reject reason (message: %s)", v.id(), e.getMessage()).isIn(codes);
                        }
                    });
            return List.of();
        }
        DecodedList d;
        try {
            d = decode(v);
        } catch (HanDecodeException e) {
            if (v.expected() == null && e.code().equals("SEGMENT_MISSING")) {
                // a holdout that is only the first segment of a segmented HDLC message: valid
                // framing, but no complete APDU to decode; it must not be reported as a bad frame
                return List.of(v.id() + ": incomplete segmented message, reported as " + e.code());
            }
            throw new AssertionError(v.id() + " must decode, got " + e.layer() + " " + e.code() + ": " + e.getMessage());
        }
        assertThat(d.values().size() + d.elements().size()).as("%s decodes to something", v.id()).isPositive();
        if (!(v.expected() != null)) {
            return List.of();
        }
        JsonNode expected = v.expected();
        Iterator<Map.Entry<String, JsonNode>> it = expected.path("values").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            checkValue(v.id(), e.getKey(), e.getValue(), d);
        }
        checkText(v.id(), "list_id", expected, d.listId());
        checkText(v.id(), "meter_id", expected, d.meterId());
        checkText(v.id(), "meter_type", expected, d.meterType());
        JsonNode clock = expected.path("clock");
        if (clock.has("iso")) {
            assertThat(d.meterClock()).as("%s meter clock", v.id()).isEqualTo(clock.get("iso").asText());
        }
        for (String rawField : List.of("body_raw", "numbers_in_order")) {
            if (expected.has(rawField) && rawField.equals("body_raw")) {
                List<Object> want = new ArrayList<>();
                expected.get(rawField).forEach(n -> want.add(n.isObject() ? n.path("octets").asText() : n.numberValue()));
                assertThat(normalizeNumbers(d.elements())).as("%s elements", v.id()).isEqualTo(normalizeNumbers(want));
            }
        }
        return golden(v, d);
    }

    private static List<Object> normalizeNumbers(List<Object> in) {
        List<Object> out = new ArrayList<>();
        for (Object o : in) {
            out.add(o instanceof Number n ? (Object) new java.math.BigDecimal(n.toString()).stripTrailingZeros() : o);
        }
        return out;
    }

    private static void checkText(String id, String field, JsonNode expected, String actual) {
        if (expected.hasNonNull(field)) {
            assertThat(actual).as("%s %s", id, field).isEqualTo(expected.get(field).asText());
        }
    }

    private static void checkValue(String id, String key, JsonNode want, DecodedList d) {
        String src = want.path("src").asText("");
        boolean literalP1 = d.format() == HanFormat.DSMR_P1 || key.contains(":");
        if (!(src.equals("asserted") || src.equals("stated") || src.startsWith("computed") || (src.isEmpty() && literalP1))) {
            return;
        }
        DecodedList.Value got = d.values().get(key);
        if (want.isArray()) {
            assertThat(got).as("%s has a value for %s", id, key).isNotNull();
            assertThat(got.value()).as("%s %s is multi-valued", id, key).isInstanceOf(List.class);
            List<?> parts = (List<?>) got.value();
            assertThat(parts).as("%s %s values", id, key).hasSize(want.size());
            for (int i = 0; i < want.size(); i++) {
                DecodedList.Value part = (DecodedList.Value) parts.get(i);
                assertThat(String.valueOf(part.value())).as("%s %s[%d]", id, key, i).isEqualTo(want.get(i).path("value").asText());
                assertThat(part.unit()).as("%s %s[%d] unit", id, key, i).isEqualTo(want.get(i).path("unit").asText(null));
            }
            return;
        }
        if (!want.has("value")) {
            return;
        }
        assertThat(got).as("%s has a value for %s (values: %s)", id, key, d.values().keySet()).isNotNull();
        String unit = want.path("unit").asText(null);
        if (unit != null && unit.startsWith("ambiguous")) {
            // the vector gives only the raw register: its scaling is not known from the frame
            assertThat(((Number) got.raw()).doubleValue()).as("%s %s raw", id, key)
                    .isEqualTo(want.path("raw").asDouble(want.get("value").asDouble()));
            return;
        }
        JsonNode value = want.get("value");
        if (value.isNumber()) {
            double expectedValue = value.asDouble();
            Object actual = got.value();
            double a = actual instanceof Number n ? n.doubleValue() : Double.parseDouble(actual.toString());
            double tolerance = Math.max(Math.abs(expectedValue), 1e-300) * 1e-9;
            if (Math.abs(a - expectedValue) > tolerance && !(expectedValue == 0 && a == 0)) {
                fail("%s %s: expected %s, got %s", id, key, expectedValue, actual);
            }
        } else if (value.isTextual()) {
            assertThat(String.valueOf(got.value())).as("%s %s", id, key).isEqualTo(value.asText());
        }
        if (want.has("unit") && !want.get("unit").isNull()) {
            assertThat(got.unit()).as("%s %s unit", id, key).isEqualTo(unit);
        }
    }

    /** Which HanDecodeException codes a negative vector's reason text (or id) names. */
    static Set<String> expectedRejectCodes(Vector v) {
        String text = ((v.expected() != null) ? v.expected().path("reason").asText("") : v.id().replace('-', ' ')).toLowerCase();
        if (text.contains("wrong key")) {
            return Set.of("DECRYPTION_FAILED");
        }
        if (text.contains("authkey") || text.contains("authentication")) {
            return Set.of("AUTHENTICATION_FAILED");
        }
        if (text.contains("length field")) {
            return Set.of("TRUNCATED", "BAD_HCS", "NO_CLOSING_FLAG");
        }
        if (text.contains("truncated")) {
            return Set.of("TRUNCATED");
        }
        if (text.contains("hcs")) {
            return Set.of("BAD_HCS");
        }
        if (text.contains("fcs")) {
            return Set.of("BAD_FCS");
        }
        return Set.of();
    }

    private static List<String> golden(Vector v, DecodedList d) {
        JsonNode g = v.expected().path("golden_amsreader");
        List<String> out = new ArrayList<>();
        if (g.isMissingNode()) {
            return out;
        }
        Map<String, Measurement> map = Map.of("activeImportPower_W", Measurement.ACTIVE_IMPORT_W,
                "activeExportPower_W", Measurement.ACTIVE_EXPORT_W,
                "l1Voltage", Measurement.VOLTAGE_L1_V, "l2Voltage", Measurement.VOLTAGE_L2_V,
                "l3Voltage", Measurement.VOLTAGE_L3_V, "l1Current", Measurement.CURRENT_L1_A,
                "l2Current", Measurement.CURRENT_L2_A, "l3Current", Measurement.CURRENT_L3_A);
        map.forEach((field, m) -> {
            if (g.has(field)) {
                double want = g.get(field).asDouble();
                Double got = d.reading().values().get(m);
                if ((got == null && want != 0) || (got != null && Math.abs(got - want) > 0.011 * Math.max(1, Math.abs(want)))) {
                    out.add(v.id() + " golden " + field + "=" + want + " vs decoded " + got);
                }
            }
        });
        if (g.has("activeImportCounter_kWh")) {
            double want = g.get("activeImportCounter_kWh").asDouble();
            Double got = d.reading().values().get(Measurement.ACTIVE_IMPORT_WH);
            if (want != 0 && (got == null || Math.abs(got / 1000 - want) > 0.01)) {
                out.add(v.id() + " golden activeImportCounter_kWh=" + want + " vs decoded " + (got == null ? null : got / 1000));
            }
        }
        return out;
    }
}
