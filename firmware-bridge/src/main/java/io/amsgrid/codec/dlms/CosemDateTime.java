package io.amsgrid.codec.dlms;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A COSEM date-time (IEC 62056-6-2 clause 4.1.6.1, Blue Book "date-time"): 12 octets
 * {@code YYYY MM DD dow hh mm ss hs DEV DEV status}.
 *
 * <p>Unspecified fields are 0xFF (year 0xFFFF); {@code deviation} is in minutes and is
 * {@link #DEVIATION_NOT_SPECIFIED} (0x8000) when absent. DLMS defines the deviation as the
 * minutes to add to the local time to get UTC, so 0xFFC4 (-60) is UTC+01:00: the UTC offset is
 * {@code -deviation}. The vectors confirm this (Kaifa SE 0xFFC4 in winter = +01:00, Austrian
 * Kaifa 0xFF88 with DST bit in April = +02:00).
 *
 * @param clockStatus the status byte; 0xFF = not specified, bit 7 = daylight saving active,
 *                    bit 0 = invalid value, bit 1 = doubtful value
 */
public record CosemDateTime(int year, int month, int dayOfMonth, int dayOfWeek, int hour, int minute,
                            int second, int hundredths, int deviation, int clockStatus) {

    public static final int DEVIATION_NOT_SPECIFIED = -0x8000;
    public static final int STATUS_NOT_SPECIFIED = 0xFF;
    public static final int STATUS_INVALID = 0x01;
    public static final int STATUS_DOUBTFUL = 0x02;
    public static final int STATUS_DAYLIGHT_SAVING = 0x80;
    public static final int LENGTH = 12;

    /** Parses the 12 octets at {@code offset}. */
    public static CosemDateTime parse(byte[] b, int offset) {
        if (offset < 0 || b.length - offset < LENGTH) {
            throw new DlmsException(DlmsErrorReason.TRUNCATED, "a date-time needs 12 bytes, "
                    + Math.max(0, b.length - offset) + " left");
        }
        return new CosemDateTime(
                ((b[offset] & 0xFF) << 8) | (b[offset + 1] & 0xFF),
                b[offset + 2] & 0xFF, b[offset + 3] & 0xFF, b[offset + 4] & 0xFF,
                b[offset + 5] & 0xFF, b[offset + 6] & 0xFF, b[offset + 7] & 0xFF, b[offset + 8] & 0xFF,
                (short) (((b[offset + 9] & 0xFF) << 8) | (b[offset + 10] & 0xFF)),
                b[offset + 11] & 0xFF);
    }

    /** Parses a 12-byte octet-string; anything else is not a date-time. */
    public static CosemDateTime parse(byte[] twelveBytes) {
        if (twelveBytes.length != LENGTH) {
            throw new DlmsException(DlmsErrorReason.BAD_LENGTH,
                    "a date-time is 12 bytes, got " + twelveBytes.length);
        }
        return parse(twelveBytes, 0);
    }

    public boolean deviationSpecified() {
        return deviation != DEVIATION_NOT_SPECIFIED;
    }

    public boolean statusSpecified() {
        return clockStatus != STATUS_NOT_SPECIFIED;
    }

    /** True when the status byte says daylight saving time is active. */
    public boolean daylightSaving() {
        return statusSpecified() && (clockStatus & STATUS_DAYLIGHT_SAVING) != 0;
    }

    /** True when the status byte says the clock value is invalid (e.g. never set). */
    public boolean invalid() {
        return statusSpecified() && (clockStatus & STATUS_INVALID) != 0;
    }

    /** True when date and time of day are all given (the fields an instant needs). */
    public boolean complete() {
        return year != 0xFFFF && month >= 1 && month <= 12 && dayOfMonth >= 1 && dayOfMonth <= 31
                && hour <= 23 && minute <= 59 && second <= 59;
    }

    /** {@code localDateTime() != null}, without building it: complete and a real day of the month. */
    public boolean valid() {
        return complete() && dayOfMonth <= java.time.Month.of(month).length(java.time.Year.isLeap(year));
    }

    /** The local date-time the fields give, or null when incomplete or impossible. */
    public LocalDateTime localDateTime() {
        if (!complete()) {
            return null;
        }
        int nanos = hundredths <= 99 ? hundredths * 10_000_000 : 0;
        try {
            return LocalDateTime.of(year, month, dayOfMonth, hour, minute, second, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The UTC offset the deviation gives ({@code -deviation} minutes), or null when not specified. */
    public ZoneOffset offset() {
        if (!deviationSpecified() || deviation < -840 || deviation > 840) {
            return null;
        }
        return ZoneOffset.ofTotalSeconds(-deviation * 60);
    }

    /**
     * The clock as sent, in ISO-8601: {@code 2021-09-22T17:35:30+01:00} when a deviation is
     * given, {@code 2020-01-25T14:00:10} when not; hundredths are shown when specified
     * ({@code .00}). Null when the date or time is incomplete.
     */
    public String isoAsSent() {
        if (!valid()) {
            return null;
        }
        StringBuilder sb = new StringBuilder(32);
        pad(sb, year, 4).append('-');
        pad(sb, month, 2).append('-');
        pad(sb, dayOfMonth, 2).append('T');
        pad(sb, hour, 2).append(':');
        pad(sb, minute, 2).append(':');
        pad(sb, second, 2);
        if (hundredths <= 99) {
            pad(sb.append('.'), hundredths, 2);
        }
        ZoneOffset off = offset();
        if (off != null) {
            sb.append(off.getTotalSeconds() == 0 ? "+00:00" : off.getId());
        }
        return sb.toString();
    }

    /** Appends {@code v} (never negative here) left-padded with zeros to {@code width} digits. */
    private static StringBuilder pad(StringBuilder sb, int v, int width) {
        int digits = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : 5;
        for (int i = digits; i < width; i++) {
            sb.append('0');
        }
        return sb.append(v);
    }

    /**
     * The instant by the amsgrid time rule (docs/han-protocol.md): the deviation when given,
     * unless {@code deviationZeroIsLocal} and the deviation is 0 (Norwegian Aidon); otherwise
     * the local time in {@code zone}, where the daylight-saving status bit decides the repeated
     * autumn hour and a time in the spring gap moves forward by the gap. Null when the clock is
     * incomplete or flagged invalid.
     */
    public Instant toInstant(ZoneId zone, boolean deviationZeroIsLocal) {
        LocalDateTime local = localDateTime();
        if (local == null || invalid()) {
            return null;
        }
        ZoneOffset off = offset();
        if (off != null && !(deviationZeroIsLocal && deviation == 0)) {
            return local.toInstant(off);
        }
        java.time.zone.ZoneRules rules = zone.getRules();
        java.util.List<ZoneOffset> valid = rules.getValidOffsets(local);
        if (valid.size() == 1) {
            return local.toInstant(valid.get(0));
        }
        if (valid.isEmpty()) {
            // spring gap: move forward by the length of the gap
            java.time.zone.ZoneOffsetTransition gap = rules.getTransition(local);
            return local.plus(gap.getDuration()).toInstant(gap.getOffsetAfter());
        }
        // autumn overlap: [summer, winter]; the DST bit picks, no status means the earlier offset
        boolean winter = statusSpecified() && !daylightSaving();
        return local.toInstant(winter ? valid.get(1) : valid.get(0));
    }
}
