package io.amsgrid.fleet.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.amsgrid.fleet.FleetError;
import io.amsgrid.fleet.FleetException;
import io.amsgrid.fleet.control.FleetControl;
import io.amsgrid.gateway.rotation.CertificateRotationAgent;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code fleet rotate}, the operator side of certificate rotation (see
 * {@link CertificateRotationAgent} for the gateway side): sets
 * {@code desired.certificateRotation.requestId} on each target (rate-limited), waits until each
 * reports {@code SWITCHED} for that request, then sets the previous certificate INACTIVE, detaches
 * and deletes it. A device that reports {@code REJECTED} (the cloud refused its CSR) is listed with
 * the refusal code and its old certificate is kept. Devices done are kept in the progress file (a re-run skips them; the request id is
 * kept in the file's header so a re-run continues the same request).
 */
public final class Rotate {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Outcome: retired certificate per thing, refusal code per thing the cloud refused, and the
     * devices that did not finish in time.
     */
    public record Summary(String requestId, Map<String, String> retired, Map<String, String> rejected,
                          List<String> notFinished, int skipped) {
    }

    private Rotate() {
    }

    public static Summary run(FleetControl control, Targets targets, double ratePerSecond, Path progressFile,
                              String requestId, Duration timeout, PrintStream progressOut, boolean plainLines)
            throws InterruptedException {
        List<String> things = targets.resolve(control);
        ProgressFile progress = ProgressFile.open(progressFile, "rotate " + requestId);
        RateLimiter limiter = new RateLimiter(ratePerSecond);
        List<String> todo = things.stream().filter(t -> !progress.isDone(t)).toList();
        for (String t : todo) {
            SetInterval.withRetries(limiter, () -> {
                var d = JSON.createObjectNode();
                d.putObject(CertificateRotationAgent.FIELD).put("requestId", requestId);
                control.updateDesired(t, d);
            });
        }
        Map<String, String> retired = new LinkedHashMap<>();
        Map<String, String> rejected = new LinkedHashMap<>();
        List<String> pending = new ArrayList<>(todo);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (ProgressBar bar = new ProgressBar("rotate", todo.size(), progressOut, plainLines)) {
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                List<String> still = new ArrayList<>();
                for (String t : pending) {
                    limiter.acquire();
                    JsonNode r = control.getShadow(t).map(d -> d.path("state").path("reported").path(
                            CertificateRotationAgent.FIELD)).orElse(null);
                    if (r != null && requestId.equals(r.path("requestId").asText())
                            && "SWITCHED".equals(r.path("state").asText())) {
                        String old = r.path("previousCertificateId").asText();
                        retire(control, t, old, r.path("certificateId").asText());
                        retired.put(t, old);
                        progress.markDone(t);
                        bar.step();
                    } else if (r != null && requestId.equals(r.path("requestId").asText())
                            && "REJECTED".equals(r.path("state").asText())) {
                        rejected.put(t, r.path("error").asText("UNKNOWN"));
                        bar.step();
                    } else {
                        still.add(t);
                    }
                }
                pending = still;
                if (!pending.isEmpty()) {
                    Thread.sleep(300);
                }
            }
        }
        return new Summary(requestId, retired, rejected, pending, things.size() - todo.size());
    }

    private static void retire(FleetControl control, String thing, String oldId, String newId) {
        if (oldId.isEmpty() || oldId.equals(newId)) {
            throw new FleetException(FleetError.REJECTED, thing + " reported no previous certificate to retire");
        }
        control.updateCertificateStatus(oldId, "INACTIVE");
        control.detachThingPrincipal(thing, oldId);
        control.deleteCertificate(oldId);
    }

    /** A new request id. */
    public static String newRequestId() {
        return "rot-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
