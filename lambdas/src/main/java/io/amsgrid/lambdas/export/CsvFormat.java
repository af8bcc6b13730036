package io.amsgrid.lambdas.export;

import io.amsgrid.codec.meter.Measurement;
import io.amsgrid.codec.payload.AggregatePayload;
import io.amsgrid.codec.payload.HourlyPayload;
import io.amsgrid.codec.payload.PowerFailPayload;
import io.amsgrid.lambdas.store.Decimals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The CSV contract of {@code docs/storage.md} (analysis and users' scripts read it): UTF-8, {@code \n}
 * line ends, a header row, one row per reading oldest first, numbers as {@link Decimals} (no locale,
 * no exponent), an absent value is an empty cell. Same readings in, same bytes out.
 */
public final class CsvFormat {
    /** Phase L2/L3 quantities: a day without any of them is written with the single-phase columns. */
    static final Set<Measurement> L2_L3 = Set.of(Measurement.CURRENT_L2_A, Measurement.CURRENT_L3_A,
            Measurement.VOLTAGE_L2_V, Measurement.VOLTAGE_L3_V);
    static final List<Measurement> REGISTERS = List.of(Measurement.ACTIVE_IMPORT_WH, Measurement.ACTIVE_EXPORT_WH,
            Measurement.REACTIVE_IMPORT_VARH, Measurement.REACTIVE_EXPORT_VARH);

    private CsvFormat() {
    }

    /** Interval aggregates: {@code timestamp}, {@code <name>_avg,_min,_max} per measurement, {@code samples}. */
    public static byte[] aggregates(List<AggregatePayload> rows) {
        boolean threePhase = rows.stream().anyMatch(r -> r.measurements().keySet().stream().anyMatch(L2_L3::contains));
        List<Measurement> columns = new ArrayList<>();
        for (Measurement m : Measurement.values()) {
            if (m.isInstantaneous() && (threePhase || !L2_L3.contains(m))) {
                columns.add(m);
            }
        }
        StringBuilder csv = new StringBuilder("timestamp");
        columns.forEach(m -> csv.append(',').append(m.fieldName()).append("_avg,")
                .append(m.fieldName()).append("_min,").append(m.fieldName()).append("_max"));
        csv.append(",samples\n");
        rows.stream().sorted(Comparator.comparingLong(AggregatePayload::windowStartEpochS)).forEach(r -> {
            csv.append(r.windowStartEpochS());
            for (Measurement m : columns) {
                AggregatePayload.Stats s = r.measurements().get(m);
                if (s == null) {
                    csv.append(",,,");
                } else {
                    csv.append(',').append(Decimals.of(s.avg())).append(',').append(Decimals.of(s.min()))
                            .append(',').append(Decimals.of(s.max()));
                }
            }
            csv.append(',').append(samples(r)).append('\n');
        });
        return bytes(csv);
    }

    /** The row's {@code samples}: the largest sample count of its measurements (see docs/storage.md). */
    static int samples(AggregatePayload row) {
        return row.measurements().values().stream().mapToInt(AggregatePayload.Stats::samples).max().orElse(0);
    }

    /** Hourly registers: {@code timestamp,activeImportWh,activeExportWh,reactiveImportVarh,reactiveExportVarh}. */
    public static byte[] hourly(List<HourlyPayload> rows) {
        StringBuilder csv = new StringBuilder("timestamp");
        REGISTERS.forEach(m -> csv.append(',').append(m.fieldName()));
        csv.append('\n');
        rows.stream().sorted(Comparator.comparingLong(HourlyPayload::hourStartEpochS)).forEach(r -> {
            csv.append(r.hourStartEpochS());
            for (Measurement m : REGISTERS) {
                Long v = r.registers().get(m);
                csv.append(',').append(v == null ? "" : v.toString());
            }
            csv.append('\n');
        });
        return bytes(csv);
    }

    /**
     * Power-fail samples of a day's events: {@code timestamp} (the sample's UNIX seconds, with a
     * fraction when it has milliseconds) and the voltages (L1 only when no sample has L2/L3),
     * ordered by sample time, then by event.
     */
    public static byte[] powerFails(List<PowerFailPayload> events) {
        record Row(long timeMs, long signalAtMs, PowerFailPayload.VoltageSample sample) {
        }
        List<Row> rows = new ArrayList<>();
        events.forEach(e -> e.samples().forEach(s -> rows.add(new Row(s.timeEpochMs(), e.signalAtEpochMs(), s))));
        rows.sort(Comparator.comparingLong(Row::timeMs).thenComparingLong(Row::signalAtMs));
        boolean threePhase = rows.stream().anyMatch(r -> r.sample().voltagesV().keySet().stream().anyMatch(L2_L3::contains));
        List<Measurement> columns = threePhase ? PowerFailPayload.VOLTAGES : List.of(Measurement.VOLTAGE_L1_V);
        StringBuilder csv = new StringBuilder("timestamp");
        columns.forEach(m -> csv.append(',').append(m.fieldName()));
        csv.append('\n');
        for (Row r : rows) {
            csv.append(Decimals.secondsOfMillis(r.timeMs()));
            for (Measurement m : columns) {
                Float v = r.sample().voltagesV().get(m);
                csv.append(',').append(v == null ? "" : Decimals.of(v));
            }
            csv.append('\n');
        }
        return bytes(csv);
    }

    private static byte[] bytes(StringBuilder csv) {
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
