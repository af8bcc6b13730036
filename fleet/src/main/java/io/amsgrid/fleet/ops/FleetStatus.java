package io.amsgrid.fleet.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.amsgrid.fleet.FleetException;
import io.amsgrid.fleet.control.FleetControl;
import io.amsgrid.gateway.shadow.ShadowAgent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code fleet status}: one row per device from the registry, connectivity (broker log locally,
 * fleet indexing on AWS) and the shadow's {@code reported} section that the gateway writes
 * ({@code sendIntervalMinutes}, {@code status.outboxDepth}, {@code status.rejects},
 * {@code status.lastPublish}), plus the earliest expiry of the thing's ACTIVE certificates.
 */
public final class FleetStatus {
    /** One device; empty where unknown. */
    public record Row(String thing, Optional<Boolean> connected, Optional<Instant> connectivitySince,
                      Optional<String> lastPublish, Optional<Integer> reportedIntervalMinutes,
                      Optional<Integer> outboxDepth, Optional<Long> rejects, Optional<Instant> certificateExpiry,
                      Optional<String> error) {
    }

    private FleetStatus() {
    }

    public static List<Row> collect(FleetControl control, Targets targets, RateLimiter limiter)
            throws InterruptedException {
        List<Row> rows = new ArrayList<>();
        for (String t : targets.resolve(control)) {
            limiter.acquire();
            rows.add(row(control, t));
        }
        return rows;
    }

    static Row row(FleetControl control, String thing) {
        try {
            FleetControl.Connectivity c = control.connectivity(thing);
            JsonNode reported = control.getShadow(thing).map(d -> d.path("state").path("reported")).orElse(null);
            JsonNode status = reported == null ? null : reported.path("status");
            Optional<Instant> expiry = control.thingCertificates(thing).stream().map(control::describeCertificate)
                    .filter(i -> "ACTIVE".equals(i.status()) && i.notAfter() != null)
                    .map(FleetControl.CertificateInfo::notAfter).min(Instant::compareTo);
            return new Row(thing, c.connected(), c.since(),
                    text(status, "lastPublish"), number(reported, ShadowAgent.FIELD).map(Long::intValue),
                    number(status, "outboxDepth").map(Long::intValue), number(status, "rejects"), expiry,
                    Optional.empty());
        } catch (FleetException e) {
            return new Row(thing, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    private static Optional<String> text(JsonNode n, String f) {
        return n == null || !n.hasNonNull(f) ? Optional.empty() : Optional.of(n.get(f).asText());
    }

    private static Optional<Long> number(JsonNode n, String f) {
        return n == null || !n.path(f).isNumber() ? Optional.empty() : Optional.of(n.get(f).asLong());
    }

    /** A fixed-width table for the terminal. */
    public static String table(List<Row> rows) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-24s %-10s %-25s %8s %7s %8s %-20s%n",
                "THING", "CONNECTED", "LAST PUBLISH", "INTERVAL", "OUTBOX", "REJECTS", "CERT EXPIRES"));
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "%-24s %-10s %-25s %8s %7s %8s %-20s%s%n", r.thing(),
                    r.connected().map(x -> x ? "yes" : "no").orElse("?"), r.lastPublish().orElse("-"),
                    r.reportedIntervalMinutes().map(Object::toString).orElse("-"),
                    r.outboxDepth().map(Object::toString).orElse("-"), r.rejects().map(Object::toString).orElse("-"),
                    r.certificateExpiry().map(Instant::toString).orElse("-"), r.error().map(e -> "  ! " + e).orElse("")));
        }
        return b.toString();
    }
}
