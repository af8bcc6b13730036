package io.amsgrid.lambdas.testing;

import io.amsgrid.codec.meter.Measurement;
import io.amsgrid.codec.payload.AggregatePayload;
import io.amsgrid.codec.payload.HourlyFlag;
import io.amsgrid.codec.payload.HourlyPayload;
import io.amsgrid.codec.payload.Payload;
import io.amsgrid.codec.payload.PayloadCodec;
import io.amsgrid.codec.payload.PayloadJson;
import io.amsgrid.codec.payload.PowerFailPayload;
import io.amsgrid.codec.payload.PowerFailReason;
import io.amsgrid.lambdas.ingest.IngestRejectReason;
import io.amsgrid.lambdas.store.ReadingItems;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generated gateway traffic for the load tests: distinct good readings of many things (aggregates,
 * hourly registers, power fails; binary and JSON; single- and three-phase), redeliveries of some of
 * them, and damaged messages whose reject reason is known. Deterministic for a seed.
 */
public final class Traffic {
    /** The local day all good readings fall on (Europe/Oslo). */
    public static final LocalDate DAY = LocalDate.of(2023, 11, 14);
    private static final long DAY_START_S = DAY.atStartOfDay(ZoneId.of("Europe/Oslo")).toEpochSecond();

    /** A good reading's identity. */
    public record Key(String thing, String kind, long timestampMs) {
    }

    private final List<Map<String, Object>> events = new ArrayList<>();
    private final Map<Key, Payload> distinctGood = new LinkedHashMap<>();
    private final Map<Map<String, Object>, IngestRejectReason> damaged = new LinkedHashMap<>();

    public List<Map<String, Object>> events() {
        return events;
    }

    public Map<Key, Payload> distinctGood() {
        return distinctGood;
    }

    /** The distinct damaged events and why each must be rejected. */
    public Map<Map<String, Object>, IngestRejectReason> damaged() {
        return damaged;
    }

    /** How many events are exact or redelivered copies of a good one. */
    public int duplicates() {
        return events.size() - distinctGood.size() - damagedCount;
    }

    private int damagedCount;

    public static Traffic generate(long seed, int total, int things, double duplicateFraction, double badFraction) {
        Random rnd = new Random(seed);
        Traffic t = new Traffic();
        int duplicates = (int) Math.round(total * duplicateFraction);
        int damaged = (int) Math.round(total * badFraction);
        int good = total - duplicates - damaged;
        int[] windows = new int[things];
        int[] hours = new int[things];
        List<Map<String, Object>> goodEvents = new ArrayList<>();
        for (int i = 0; i < good; i++) {
            int n = rnd.nextInt(things);
            String thing = String.format("gw-%04d", n);
            boolean threePhase = n % 2 == 0;
            Payload payload;
            long receivedAtMs;
            int pick = rnd.nextInt(100);
            if (pick < 90 || hours[n] >= 23) {
                long start = DAY_START_S + 60L * windows[n]++;
                payload = aggregate(rnd, start, threePhase);
                receivedAtMs = (start + 60) * 1000 + rnd.nextInt(5_000);
            } else if (pick < 98) {
                long hour = DAY_START_S + 3600L * hours[n]++;
                payload = new HourlyPayload(i, hour, "MTR" + n, EnumSet.noneOf(HourlyFlag.class), 0,
                        Map.of(Measurement.ACTIVE_IMPORT_WH, 1_000_000_000L + rnd.nextLong(1_000_000_000L),
                                Measurement.REACTIVE_EXPORT_VARH, rnd.nextLong(1_000_000L)));
                receivedAtMs = hour * 1000 + 5_000;
            } else {
                long signalAt = (DAY_START_S + 60L * windows[n]++) * 1000 + rnd.nextInt(60_000);
                List<PowerFailPayload.VoltageSample> samples = new ArrayList<>();
                for (int s = 9; s >= 1; s--) {
                    Map<Measurement, Float> v = new EnumMap<>(Measurement.class);
                    v.put(Measurement.VOLTAGE_L1_V, 200 + rnd.nextFloat() * 40);
                    if (threePhase) {
                        v.put(Measurement.VOLTAGE_L2_V, 200 + rnd.nextFloat() * 40);
                        v.put(Measurement.VOLTAGE_L3_V, 200 + rnd.nextFloat() * 40);
                    }
                    samples.add(new PowerFailPayload.VoltageSample(signalAt - s * 10_000L, v));
                }
                payload = new PowerFailPayload(i, signalAt, PowerFailReason.GPIO, null, samples);
                receivedAtMs = signalAt + 30_000;
            }
            Map<String, Object> event = event(payload, thing, receivedAtMs, rnd.nextInt(5) == 0);
            t.distinctGood.put(new Key(thing, ReadingItems.kindOf(payload).topicPrefix(), ReadingItems.timestampMs(payload)), payload);
            goodEvents.add(event);
        }
        t.events.addAll(goodEvents);
        for (int i = 0; i < duplicates; i++) {
            Map<String, Object> copy = new HashMap<>(goodEvents.get(rnd.nextInt(goodEvents.size())));
            copy.put("receivedAtMs", ((Number) copy.get("receivedAtMs")).longValue() + 1 + rnd.nextInt(600_000));
            t.events.add(copy);
        }
        for (int i = 0; i < damaged; i++) {
            t.events.add(t.damage(goodEvents.get(rnd.nextInt(goodEvents.size())), i, rnd));
        }
        Collections.shuffle(t.events, rnd);
        return t;
    }

    private Map<String, Object> damage(Map<String, Object> good, int i, Random rnd) {
        Map<String, Object> e = new HashMap<>(good);
        byte[] payload = Base64.getDecoder().decode((String) e.get("payload"));
        boolean json = payload[0] == '{';
        IngestRejectReason reason = switch (i % 6) {
            case 0 -> {
                if (json) {
                    e.put("payload", b64(("{\"version\":1," + new String(payload, StandardCharsets.UTF_8).substring(1, 20)).getBytes(StandardCharsets.UTF_8)));
                    yield IngestRejectReason.BAD_JSON;
                }
                payload[payload.length - 3] ^= (byte) (1 << rnd.nextInt(8)); // a value byte: the CRC catches it
                e.put("payload", b64(payload));
                yield IngestRejectReason.BAD_CHECKSUM;
            }
            case 1 -> {
                e.put("payload", b64(java.util.Arrays.copyOf(payload, json ? 1 : payload.length - 1)));
                yield json ? IngestRejectReason.BAD_JSON : IngestRejectReason.WRONG_LENGTH;
            }
            case 2 -> {
                e.put("receivedAtMs", ((Number) e.get("receivedAtMs")).longValue() - 3_600_000);
                yield IngestRejectReason.TIMESTAMP_IN_FUTURE;
            }
            case 3 -> {
                e.put("thing", "gw-other");
                yield IngestRejectReason.THING_MISMATCH;
            }
            case 4 -> {
                String topic = (String) e.get("topic");
                String other = topic.startsWith("avg/") ? "hr/" : "avg/";
                e.put("topic", other + topic.substring(topic.indexOf('/') + 1));
                yield IngestRejectReason.KIND_MISMATCH;
            }
            default -> {
                if (json) {
                    e.put("payload", b64(new String(payload, StandardCharsets.UTF_8).replace("\"version\":1", "\"version\":7")
                            .getBytes(StandardCharsets.UTF_8)));
                } else {
                    payload[0] = 7;
                    e.put("payload", b64(payload));
                }
                yield IngestRejectReason.UNKNOWN_VERSION;
            }
        };
        damaged.put(e, reason);
        damagedCount++;
        return e;
    }

    private static AggregatePayload aggregate(Random rnd, long start, boolean threePhase) {
        Map<Measurement, AggregatePayload.Stats> stats = new EnumMap<>(Measurement.class);
        for (Measurement m : Measurement.values()) {
            if (!m.isInstantaneous()) {
                continue;
            }
            boolean l2l3 = m.fieldName().contains("L2") || m.fieldName().contains("L3");
            if (l2l3 && !threePhase || m == Measurement.ACTIVE_EXPORT_W && rnd.nextBoolean()) {
                continue;
            }
            float base = m.unit().equals("V") ? 230 : m.unit().equals("A") ? 5 : 1500;
            float lo = base * (0.5f + rnd.nextFloat() * 0.4f);
            float hi = lo + base * rnd.nextFloat() * 0.5f;
            float avg = Math.min(hi, Math.max(lo, lo + (hi - lo) * rnd.nextFloat()));
            stats.put(m, new AggregatePayload.Stats(avg, lo, hi, 1 + rnd.nextInt(30)));
        }
        return new AggregatePayload(start, start, 1, "MTR", stats);
    }

    private static Map<String, Object> event(Payload payload, String thing, long receivedAtMs, boolean json) {
        byte[] bytes = json ? PayloadJson.toJson(payload).getBytes(StandardCharsets.UTF_8) : PayloadCodec.encode(payload);
        Map<String, Object> event = new HashMap<>();
        event.put("payload", b64(bytes));
        event.put("topic", ReadingItems.kindOf(payload).topicFor(thing));
        event.put("thing", thing);
        event.put("receivedAtMs", receivedAtMs);
        return event;
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
