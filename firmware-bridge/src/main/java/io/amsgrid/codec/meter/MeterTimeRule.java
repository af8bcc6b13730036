package io.amsgrid.codec.meter;

import io.amsgrid.codec.dlms.CosemDateTime;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The amsgrid rule that turns a meter clock into an instant (docs/han-protocol.md, "The time rule"):
 * <ol>
 *   <li>incomplete clock, or status "invalid" (bit 0) set: no instant from it; the
 *       data-notification header date-time is used instead when that one is valid
 *       (Landis+Gyr E450 sends its clock object with status 0x81);</li>
 *   <li>deviation given: local time + deviation minutes = UTC (0xFFC4 = -60 = UTC+01:00),
 *       except deviation 0 in an Aidon list (AIDON_V0001), which Norwegian Aidon meters send with
 *       local time (see the docs);</li>
 *   <li>deviation 0x8000 (not specified): local time in Europe/Oslo; in the repeated autumn hour
 *       the clock-status DST bit picks summer (+02:00) or winter (+01:00) time, and with no
 *       status the earlier (summer) offset; a time in the spring gap moves forward by one hour.</li>
 * </ol>
 */
public final class MeterTimeRule {
    /** The zone of a clock that gives no deviation: Norwegian local time. */
    public static final ZoneId NORWAY = ZoneId.of("Europe/Oslo");

    private MeterTimeRule() {
    }

    public static Instant instant(CosemDateTime clock, ListProfile profile) {
        if (clock == null) {
            return null;
        }
        boolean aidon = profile == ListProfile.AIDON;
        boolean zoneLocal = clock.offset() == null || (aidon && clock.deviation() == 0);
        if (zoneLocal && clock.valid() && !clock.invalid()) {
            Instant fast = NorwayHour.instant(clock);
            if (fast != null) {
                return fast;
            }
        }
        return clock.toInstant(NORWAY, aidon);
    }

    /** What {@link #epochSecond} returns when the clock gives no instant. */
    static final long NO_TIME = Long.MIN_VALUE;

    /**
     * {@code instant(clock, profile).getEpochSecond()} without building the instant (the
     * nanoseconds are always the clock's hundredths), or {@link #NO_TIME}: the hot path's form.
     */
    static long epochSecond(CosemDateTime clock, ListProfile profile) {
        if (clock == null) {
            return NO_TIME;
        }
        boolean aidon = profile == ListProfile.AIDON;
        ZoneOffset offset = clock.offset();
        boolean zoneLocal = offset == null || (aidon && clock.deviation() == 0);
        if (clock.valid() && !clock.invalid()) {
            if (!zoneLocal) {
                return NorwayHour.localEpochSecond(clock) - offset.getTotalSeconds();
            }
            long s = NorwayHour.epochSecond(clock);
            if (s != NO_TIME) {
                return s;
            }
        }
        Instant t = clock.toInstant(NORWAY, aidon);
        return t == null ? NO_TIME : t.getEpochSecond();
    }

    /** The instant of {@code clock}, else of {@code headerClock} (both by the rule above). */
    public static Instant instant(CosemDateTime clock, CosemDateTime headerClock, ListProfile profile) {
        Instant t = instant(clock, profile);
        return t != null ? t : instant(headerClock, profile);
    }
}
