package io.amsgrid.fleet.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amsgrid.fleet.FleetError;
import io.amsgrid.fleet.FleetException;
import io.amsgrid.fleet.control.FleetControl;
import io.amsgrid.gateway.aggregate.WindowAggregator;
import io.amsgrid.gateway.shadow.ShadowAgent;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code fleet set-interval}: sets {@code desired.sendIntervalMinutes} (the gateway's shadow
 * contract, {@link ShadowAgent#FIELD}) on one thing, a group or all things. Requests are spaced at
 * {@code ratePerSecond} (the AWS per-account shadow quota is far above the default); a throttled
 * request is retried three times with backoff, then counted as failed. Each done device is recorded
 * in the progress file, so a re-run skips it. Afterwards the reported values are polled (at the same
 * rate) until all devices report the new value or {@code waitForReports} has passed.
 */
public final class SetInterval {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WORKERS = 8;

    /** What happened. {@code notReported}: devices whose reported value was not the new one when polling ended. */
    public record Summary(int targets, int updated, int skippedAlreadyDone, List<String> failed,
                          List<String> notReported, Duration elapsed) {
    }

    private SetInterval() {
    }

    public static Summary run(FleetControl control, Targets targets, int minutes, double ratePerSecond,
                              Path progressFile, Duration waitForReports, PrintStream progressOut, boolean plainLines)
            throws InterruptedException {
        if (minutes < WindowAggregator.MIN_INTERVAL_MINUTES || minutes > WindowAggregator.MAX_INTERVAL_MINUTES) {
            throw new FleetException(FleetError.BAD_INPUT, "--minutes must be a whole number "
                    + WindowAggregator.MIN_INTERVAL_MINUTES + "-" + WindowAggregator.MAX_INTERVAL_MINUTES + ", got " + minutes);
        }
        long start = System.nanoTime();
        List<String> things = targets.resolve(control);
        ProgressFile progress = ProgressFile.open(progressFile, "set-interval " + minutes);
        RateLimiter limiter = new RateLimiter(ratePerSecond);
        List<String> failed = Collections.synchronizedList(new ArrayList<>());
        int skipped = 0;
        List<String> todo = new ArrayList<>();
        for (String t : things) {
            if (progress.isDone(t)) {
                skipped++;
            } else {
                todo.add(t);
            }
        }
        ObjectNode desired = JSON.createObjectNode().put(ShadowAgent.FIELD, minutes);
        try (ProgressBar bar = new ProgressBar("set-interval", todo.size(), progressOut, plainLines);
             ExecutorService pool = Executors.newFixedThreadPool(WORKERS)) {
            List<Future<?>> jobs = new ArrayList<>();
            for (String t : todo) {
                jobs.add(pool.submit(() -> {
                    try {
                        withRetries(limiter, () -> control.updateDesired(t, desired.deepCopy()));
                        progress.markDone(t);
                    } catch (FleetException e) {
                        failed.add(t + ": " + e.getMessage());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    bar.step();
                    return null;
                }));
            }
            await(jobs);
        }
        List<String> notReported = pollReported(control, things, minutes, limiter, waitForReports);
        return new Summary(things.size(), todo.size() - failed.size(), skipped, List.copyOf(failed), notReported,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static List<String> pollReported(FleetControl control, List<String> things, int minutes,
                                             RateLimiter limiter, Duration wait) throws InterruptedException {
        List<String> pending = new ArrayList<>(things);
        long deadline = System.nanoTime() + wait.toNanos();
        try (ExecutorService pool = Executors.newFixedThreadPool(WORKERS)) {
            while (!pending.isEmpty()) {
                List<String> still = Collections.synchronizedList(new ArrayList<>());
                List<Future<?>> jobs = new ArrayList<>();
                for (String t : pending) {
                    jobs.add(pool.submit(() -> {
                        limiter.acquire();
                        try {
                            JsonNode doc = control.getShadow(t).orElse(null);
                            JsonNode reported = doc == null ? null : doc.path("state").path("reported").get(ShadowAgent.FIELD);
                            if (reported == null || reported.asInt() != minutes) {
                                still.add(t);
                            }
                        } catch (FleetException e) {
                            still.add(t);
                        }
                        return null;
                    }));
                }
                await(jobs);
                pending = new ArrayList<>(still);
                Collections.sort(pending);
                if (pending.isEmpty() || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(500);
            }
        }
        return pending;
    }

    interface Call {
        void run();
    }

    static void withRetries(RateLimiter limiter, Call call) throws InterruptedException {
        long backoffMs = 200;
        for (int attempt = 1; ; attempt++) {
            limiter.acquire();
            try {
                call.run();
                return;
            } catch (FleetException e) {
                if (e.reason() != FleetError.THROTTLED || attempt >= 3) {
                    throw e;
                }
                Thread.sleep(backoffMs);
                backoffMs *= 4;
            }
        }
    }

    private static void await(List<Future<?>> jobs) throws InterruptedException {
        for (Future<?> f : jobs) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }
}
