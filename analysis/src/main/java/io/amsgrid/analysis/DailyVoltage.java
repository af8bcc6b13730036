package io.amsgrid.analysis;

import java.time.LocalDate;

/** A meter's mean voltage (mean of its phases) over one local day: min, max and mean, with when. */
public record DailyVoltage(String meterId, LocalDate date, double minV, long minAtS, double maxV, long maxAtS,
                           double meanV) {
}
