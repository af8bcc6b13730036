package io.amsgrid.gateway.iot;

import software.amazon.awssdk.crt.io.ExponentialBackoffRetryOptions;
import software.amazon.awssdk.iot.AwsIotMqtt5ClientBuilder;

import java.time.Duration;

/**
 * How the gateway reconnects after losing the broker (AC8): exponential backoff from
 * {@code minDelay} doubling up to {@code maxDelay}, with full jitter (each delay drawn uniformly
 * from 0 to the current bound, so a fleet that lost the broker together does not come back in
 * lock step). The delay resets after {@code resetAfter} connected. Applied by the AWS CRT client,
 * which reconnects by itself until the gateway stops it; a user stop never reconnects.
 */
public record ReconnectPolicy(Duration minDelay, Duration maxDelay, Duration resetAfter) {

    public ReconnectPolicy {
        if (minDelay.isNegative() || minDelay.isZero() || maxDelay.compareTo(minDelay) < 0) {
            throw new IllegalArgumentException("need 0 < minDelay <= maxDelay, got " + minDelay + ", " + maxDelay);
        }
    }

    /** 1 s doubling to 2 min, reset after 30 s connected. */
    public static ReconnectPolicy defaults() {
        return new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofMinutes(2), Duration.ofSeconds(30));
    }

    /** The upper bound of the n-th delay (n from 0): min * 2^n, at most max. Jitter draws below it. */
    public Duration bound(int attempt) {
        long ms = minDelay.toMillis() << Math.min(attempt, 30);
        return Duration.ofMillis(Math.min(ms, maxDelay.toMillis()));
    }

    void applyTo(AwsIotMqtt5ClientBuilder b) {
        b.withMinReconnectDelayMs(minDelay.toMillis());
        b.withMaxReconnectDelayMs(maxDelay.toMillis());
        b.withMinConnectedTimeToResetReconnectDelayMs(resetAfter.toMillis());
        b.withRetryJitterMode(ExponentialBackoffRetryOptions.JitterMode.Full);
    }
}
