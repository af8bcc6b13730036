package io.amsgrid.cli;

import io.amsgrid.codec.DecodedList;
import io.amsgrid.codec.meter.Measurement;

import java.io.PrintWriter;
import java.util.List;

/** {@code ./amsgrid decode --hex}: a decoded list laid out for a person. */
final class HumanOutput {

    private HumanOutput() {
    }

    static void print(DecodedList d, PrintWriter out) {
        out.printf("format     %s (%s)%n", d.format().id(), d.profile());
        if (d.listId() != null) {
            out.printf("list       %s%n", d.listId());
        }
        if (d.meterId() != null || d.meterType() != null) {
            out.printf("meter      %s  type %s%n", nz(d.meterId()), nz(d.meterType()));
        }
        if (d.meterClock() != null) {
            out.printf("clock      %s  ->  %s%n", d.meterClock(), d.meterTime() == null ? "(no instant: clock invalid)" : d.meterTime());
        }
        if (!d.values().isEmpty()) {
            out.println("values");
            d.values().forEach((k, v) -> out.printf("  %-18s %s%n", k, show(v)));
        } else {
            out.println("values     (none labelled: positional list of unknown layout)");
            out.printf("elements   %s%n", d.elements());
        }
        if (!d.reading().values().isEmpty()) {
            out.println("reading");
            for (Measurement m : Measurement.values()) {
                Double v = d.reading().values().get(m);
                if (v != null) {
                    out.printf("  %-20s %s %s%n", m.fieldName(), trim(v), m.unit());
                }
            }
        }
        out.flush();
    }

    private static String show(DecodedList.Value v) {
        if (v.value() instanceof List<?> parts) {
            StringBuilder sb = new StringBuilder();
            for (Object p : parts) {
                sb.append(sb.isEmpty() ? "" : "  ").append(show((DecodedList.Value) p));
            }
            return sb.toString();
        }
        String value = v.value() instanceof Double d ? trim(d) : String.valueOf(v.value());
        return v.unit() == null || v.unit().isEmpty() ? value : value + " " + v.unit();
    }

    private static String trim(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }
}
