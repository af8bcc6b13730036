package io.amsgrid.codec.meter;

import io.amsgrid.codec.dlms.CosemDateTime;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The UTC offset of the last Norwegian local hour seen, so that the hot path does not ask the zone
 * rules for every frame (a meter's clock stays in one hour for 360 frames of List 1). Only hours
 * with one valid offset from their first to their last nanosecond are kept; the DST gap and
 * overlap hours always go through {@link CosemDateTime#toInstant}. The single entry is
 * immutable, so concurrent use is safe.
 */
final class NorwayHour {
    private record Entry(int year, int month, int day, int hour, int offsetSeconds) {
    }

    private static volatile Entry last;

    private NorwayHour() {
    }

    /** The instant of a complete, valid clock read as Norwegian local time, or null when not known here. */
    static Instant instant(CosemDateTime c) {
        long s = epochSecond(c);
        return s == MeterTimeRule.NO_TIME ? null : Instant.ofEpochSecond(s, c.hundredths() <= 99 ? c.hundredths() * 10_000_000 : 0);
    }

    /** {@link #instant}'s epoch second, or {@link MeterTimeRule#NO_TIME} when not known here. */
    static long epochSecond(CosemDateTime c) {
        Entry e = last;
        if (e == null || e.year != c.year() || e.month != c.month() || e.day != c.dayOfMonth() || e.hour != c.hour()) {
            e = lookUp(c);
            if (e == null) {
                return MeterTimeRule.NO_TIME;
            }
            last = e;
        }
        return localEpochSecond(c) - e.offsetSeconds;
    }

    /** The clock's local date and time counted as if it were UTC. */
    static long localEpochSecond(CosemDateTime c) {
        return epochDay(c.year(), c.month(), c.dayOfMonth()) * 86_400L + c.hour() * 3_600L + c.minute() * 60L + c.second();
    }

    private static Entry lookUp(CosemDateTime c) {
        LocalDateTime start = LocalDateTime.of(c.year(), c.month(), c.dayOfMonth(), c.hour(), 0);
        List<ZoneOffset> first = MeterTimeRule.NORWAY.getRules().getValidOffsets(start);
        List<ZoneOffset> lastNano = MeterTimeRule.NORWAY.getRules().getValidOffsets(start.plusHours(1).minusNanos(1));
        if (first.size() != 1 || !first.equals(lastNano)) {
            return null;
        }
        return new Entry(c.year(), c.month(), c.dayOfMonth(), c.hour(), first.get(0).getTotalSeconds());
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (civil-from-days inverted, eras of 400 years). */
    static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1L : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }
}
