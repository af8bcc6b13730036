package io.amsgrid.gateway.aggregate;

import io.amsgrid.codec.meter.Measurement;
import io.amsgrid.codec.meter.MeterReading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns each List 3 into an {@link HourlyEnergy} at once and flags a missing or repeated hour
 * (AC11). The last hour sent is kept in a small state file (written atomically) so the check also
 * holds across restarts; a missing or unreadable state file only makes the next hour {@code FIRST}.
 */
public final class HourlyTracker {
    private final Path stateFile;
    private Instant lastHour;

    /** @param stateFile where the last hour is remembered, or null to keep it in memory only */
    public HourlyTracker(Path stateFile) {
        this.stateFile = stateFile;
        this.lastHour = stateFile == null ? null : readState(stateFile).orElse(null);
    }

    /** The hourly message for a List 3, or empty when the reading carries no energy registers. */
    public Optional<HourlyEnergy> accept(MeterReading reading, Instant arrival) {
        if (!reading.hasEnergyRegisters()) {
            return Optional.empty();
        }
        Instant clock = reading.meterTime() != null ? reading.meterTime() : arrival;
        Instant hour = clock.truncatedTo(ChronoUnit.HOURS);
        HourFlag flag;
        int missing = 0;
        if (lastHour == null) {
            flag = HourFlag.FIRST;
        } else if (hour.equals(lastHour)) {
            flag = HourFlag.REPEAT;
        } else if (hour.isBefore(lastHour)) {
            flag = HourFlag.OUT_OF_ORDER;
        } else {
            missing = (int) ChronoUnit.HOURS.between(lastHour, hour) - 1;
            flag = missing == 0 ? HourFlag.OK : HourFlag.GAP;
        }
        if (lastHour == null || hour.isAfter(lastHour)) {
            lastHour = hour;
            writeState();
        }
        Map<Measurement, Double> registers = new EnumMap<>(Measurement.class);
        reading.values().forEach((m, v) -> {
            if (!m.isInstantaneous()) {
                registers.put(m, v);
            }
        });
        return Optional.of(new HourlyEnergy(hour, registers, flag, missing, reading.meterId(), reading.meterTime()));
    }

    private void writeState() {
        if (stateFile == null) {
            return;
        }
        try {
            Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
            Files.writeString(tmp, lastHour.toString() + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write hourly state " + stateFile, e);
        }
    }

    private static Optional<Instant> readState(Path file) {
        try {
            return Optional.of(Instant.parse(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
