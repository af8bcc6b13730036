package io.amsgrid.lambdas.ingest;

import io.amsgrid.codec.meter.MeterReading;
import io.amsgrid.codec.payload.AggregatePayload;
import io.amsgrid.codec.payload.HourlyPayload;
import io.amsgrid.codec.payload.Payload;
import io.amsgrid.codec.payload.PayloadCodec;
import io.amsgrid.codec.payload.PayloadException;
import io.amsgrid.codec.payload.PayloadJson;
import io.amsgrid.codec.payload.PowerFailPayload;
import io.amsgrid.lambdas.store.ReadingItems;
import io.amsgrid.lambdas.store.ReadingRecord;
import io.amsgrid.rules.MessageKind;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Decodes and checks one event and turns it into the record to store; every problem is an
 * {@link IngestRejection} with a named reason. Pure (no I/O), thread-safe.
 */
public final class IngestValidator {
    private final ZoneId zone;
    private final long futureToleranceMs;
    private final RawFrameDecoder rawFrameDecoder;

    public IngestValidator(ZoneId zone, Duration futureTolerance, RawFrameDecoder rawFrameDecoder) {
        this.zone = zone;
        this.futureToleranceMs = futureTolerance.toMillis();
        this.rawFrameDecoder = rawFrameDecoder;
    }

    public ReadingRecord validate(IngestEvent event) {
        if (event.kind() == MessageKind.RAW) {
            MeterReading reading = rawFrameDecoder.decode(event.payload());
            return ReadingItems.ofRaw(reading, event.thing(), event.receivedAtMs());
        }
        Payload payload = decode(event.payload());
        MessageKind payloadKind = ReadingItems.kindOf(payload);
        if (payloadKind != event.kind()) {
            throw new IngestRejection(IngestRejectReason.KIND_MISMATCH, "a " + payload.type().jsonName()
                    + " payload belongs on " + payloadKind.topicFor(event.thing()) + ", not on " + event.topic());
        }
        checkNotInFuture(latestTimeMs(payload), event.receivedAtMs());
        return ReadingItems.of(payload, event.thing(), event.receivedAtMs(), zone);
    }

    /** Binary or JSON, told apart by the first byte ({@code '{'} is JSON). */
    static Payload decode(byte[] bytes) {
        try {
            return bytes.length > 0 && bytes[0] == '{' ? PayloadJson.fromJson(bytes) : PayloadCodec.decode(bytes);
        } catch (PayloadException e) {
            throw new IngestRejection(IngestRejectReason.of(e.reason()), e.getMessage());
        }
    }

    /** The latest instant the payload claims to know about: window end, meter hour, last sample or signal. */
    static long latestTimeMs(Payload payload) {
        return switch (payload) {
            case AggregatePayload a -> (a.windowStartEpochS() + a.intervalMinutes() * 60L) * 1000;
            case HourlyPayload h -> h.hourStartEpochS() * 1000;
            case PowerFailPayload p -> Math.max(p.signalAtEpochMs(),
                    p.samples().stream().mapToLong(PowerFailPayload.VoltageSample::timeEpochMs).max().orElse(0));
        };
    }

    private void checkNotInFuture(long timeMs, long receivedAtMs) {
        if (timeMs > receivedAtMs + futureToleranceMs) {
            throw new IngestRejection(IngestRejectReason.TIMESTAMP_IN_FUTURE, "payload time " + Instant.ofEpochMilli(timeMs)
                    + " is after the broker's receive time " + Instant.ofEpochMilli(receivedAtMs) + " by more than "
                    + futureToleranceMs / 1000 + " s: check the gateway's clock");
        }
    }
}
