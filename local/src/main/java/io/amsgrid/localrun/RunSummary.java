package io.amsgrid.localrun;

import io.amsgrid.codec.payload.AggregatePayload;
import io.amsgrid.codec.payload.HourlyPayload;
import io.amsgrid.codec.payload.Payload;
import io.amsgrid.gateway.GatewayStatus;
import io.amsgrid.lambdas.store.ReadingItems;
import io.amsgrid.lambdas.store.ReadingStore;
import io.amsgrid.rules.MessageKind;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a local run, checked against the oracle. Its {@link #line()} is the last line
 * {@code ./amsgrid local} prints (a contract):
 * {@code meters N, frames F, rejected R, aggregates A, hourly H, stored S, lost L, duplicates D}.
 *
 * @param frames     frames the gateways read (good and rejected)
 * @param rejected   frames the gateways rejected
 * @param aggregates interval aggregates in DynamoDB
 * @param hourly     hourly energy records in DynamoDB
 * @param stored     items the ingest stored (every kind)
 * @param lost       aggregates and hours the meters' frames call for that are not in DynamoDB
 *                   (simulated runs), or messages left undelivered in the gateways' outboxes
 * @param duplicates stored items that cover a period another stored item of the same thing and kind
 *                   covers too: two aggregates for one window, or windows that overlap, or two
 *                   records of one hour (counted from what DynamoDB holds; must be 0; redeliveries
 *                   the ingest recognised are counted apart, as discarded)
 * @param problems   one line per lost item, value that differs from the oracle, doubled period,
 *                   or stored window the meters' frames do not call for
 */
public record RunSummary(int meters, long frames, long rejected, long aggregates, long hourly, long stored,
                         long lost, long duplicates, List<String> problems) {
    private static final int MAX_PROBLEMS = 20;

    public String line() {
        return String.format("meters %d, frames %d, rejected %d, aggregates %d, hourly %d, stored %d, lost %d, duplicates %d",
                meters, frames, rejected, aggregates, hourly, stored, lost, duplicates);
    }

    static RunSummary of(int meters, List<GatewayStatus> statuses, CloudStandIns cloud, ExpectedData expected,
                         Instant simEnd, List<String> things) {
        long frames = statuses.stream().mapToLong(s -> s.framesOk() + s.rejectTotal()).sum();
        long rejected = statuses.stream().mapToLong(GatewayStatus::rejectTotal).sum();
        ReadingStore store = cloud.store();
        long aggregates = 0;
        long hourly = 0;
        long duplicates = 0;
        long lost = 0;
        List<String> problems = new ArrayList<>();
        // once for all things (per thing, a run of 1,000 meters spent many minutes here)
        var expectedWindows = expected == null ? Map.<String, Map<Long, Map<io.amsgrid.codec.meter.Measurement,
                ExpectedData.Aggregate>>>of() : expected.windowsBefore(simEnd);
        var expectedHours = expected == null ? Map.<String, Map<Long, Map<io.amsgrid.codec.meter.Measurement, Double>>>of()
                : expected.hours();
        for (String thing : things) {
            List<Map<String, AttributeValue>> avgItems = store.readings(thing, MessageKind.AVG, 0, Long.MAX_VALUE / 4);
            List<Map<String, AttributeValue>> hrItems = store.readings(thing, MessageKind.HR, 0, Long.MAX_VALUE / 4);
            aggregates += avgItems.size();
            hourly += hrItems.size();
            Map<Long, AggregatePayload> byWindow = new java.util.TreeMap<>();
            long coveredUntil = Long.MIN_VALUE;
            List<AggregatePayload> windows = avgItems.stream().map(i -> (AggregatePayload) ReadingItems.toPayload(i))
                    .sorted(java.util.Comparator.comparingLong(AggregatePayload::windowStartEpochS)).toList();
            for (AggregatePayload p : windows) {
                if (p.windowStartEpochS() < coveredUntil || byWindow.containsKey(p.windowStartEpochS())) {
                    duplicates++;
                    note(problems, "doubled: " + thing + " avg window " + Instant.ofEpochSecond(p.windowStartEpochS())
                            + " (" + p.intervalMinutes() + " min) overlaps a window stored before it");
                }
                coveredUntil = Math.max(coveredUntil, p.windowStartEpochS() + p.intervalMinutes() * 60L);
                byWindow.put(p.windowStartEpochS(), p);
            }
            Map<Long, HourlyPayload> byHour = new java.util.HashMap<>();
            for (Map<String, AttributeValue> item : hrItems) {
                Payload p = ReadingItems.toPayload(item);
                HourlyPayload h = (HourlyPayload) p;
                if (byHour.put(h.hourStartEpochS(), h) != null) {
                    duplicates++;
                }
            }
            if (expected == null) {
                continue;
            }
            for (long start : byWindow.keySet()) {
                long end = start + byWindow.get(start).intervalMinutes() * 60L;
                if (expected.windowEnd(thing, start) < 0 && !expected.isExcluded(thing, start, end)) {
                    note(problems, "unexpected: " + thing + " avg window " + Instant.ofEpochSecond(start)
                            + " is stored, but the meters' frames call for none");
                }
            }
            for (var w : expectedWindows.getOrDefault(thing, Map.of()).entrySet()) {
                AggregatePayload got = byWindow.get(w.getKey());
                if (got == null) {
                    lost++;
                    note(problems, "lost: " + thing + " avg window " + Instant.ofEpochSecond(w.getKey()));
                    continue;
                }
                long expectedMinutes = (expected.windowEnd(thing, w.getKey()) - w.getKey() + 59) / 60;
                if (got.intervalMinutes() != expectedMinutes
                        && expected.windowEnd(thing, w.getKey()) % (got.intervalMinutes() * 60L) != 0) {
                    note(problems, "differs: " + thing + " " + Instant.ofEpochSecond(w.getKey()) + " interval "
                            + got.intervalMinutes() + " min, expected a window ending at "
                            + Instant.ofEpochSecond(expected.windowEnd(thing, w.getKey())));
                }
                for (var m : w.getValue().entrySet()) {
                    AggregatePayload.Stats s = got.measurements().get(m.getKey());
                    ExpectedData.Aggregate e = m.getValue();
                    if (s == null || s.samples() != e.samples() || s.min() != (float) e.min()
                            || s.max() != (float) e.max() || Math.abs(s.avg() - e.avg()) > 1e-5 * Math.max(1, Math.abs(e.avg()))) {
                        note(problems, "differs: " + thing + " " + Instant.ofEpochSecond(w.getKey()) + " "
                                + m.getKey().fieldName() + " expected avg/min/max/n " + e.avg() + "/" + e.min() + "/"
                                + e.max() + "/" + e.samples() + ", stored " + s);
                    }
                }
            }
            for (var h : expectedHours.getOrDefault(thing, Map.of()).entrySet()) {
                HourlyPayload got = byHour.get(h.getKey());
                if (got == null && expected.isExcluded(thing, h.getKey(), h.getKey() + 60)) {
                    continue; // the hour's List 3 came while the gateway was down
                }
                if (got == null) {
                    lost++;
                    note(problems, "lost: " + thing + " hour " + Instant.ofEpochSecond(h.getKey()));
                    continue;
                }
                for (var r : h.getValue().entrySet()) {
                    Long v = got.registers().get(r.getKey());
                    if (v == null || v != Math.round(r.getValue())) {
                        note(problems, "differs: " + thing + " hour " + Instant.ofEpochSecond(h.getKey()) + " "
                                + r.getKey().fieldName() + " expected " + r.getValue() + ", stored " + v);
                    }
                }
            }
        }
        if (expected == null) {
            lost = statuses.stream().mapToLong(GatewayStatus::outboxDepth).sum() + cloud.failed();
        }
        return new RunSummary(meters, frames, rejected, aggregates, hourly, cloud.stored(), lost, duplicates,
                List.copyOf(problems));
    }

    private static void note(List<String> problems, String problem) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(problem);
        } else if (problems.size() == MAX_PROBLEMS) {
            problems.add("... (more)");
        }
    }
}
