package io.amsgrid.gateway.powerfail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Tells whether the supply is failing. Polled about every 100 ms; the journal is written on the
 * transition from not failing to failing.
 */
public sealed interface PowerFailSignal {

    /** True while the supply is failing. */
    boolean isFailing(Instant now);

    /** For the logs: what is watched. */
    String describe();

    /**
     * A GPIO line read as a file: the sysfs {@code /sys/class/gpio/gpioN/value} of the line wired
     * to the TSS721's PF output (export it and set {@code direction=in} at boot; see
     * docs/gateway.md). The file holds {@code 0} or {@code 1}; an unreadable file is not a failure.
     */
    record GpioLine(Path valueFile, boolean activeLow) implements PowerFailSignal {
        @Override
        public boolean isFailing(Instant now) {
            try {
                String v = Files.readString(valueFile, StandardCharsets.US_ASCII).strip();
                return v.equals(activeLow ? "0" : "1");
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public String describe() {
            return "GPIO line " + valueFile + (activeLow ? " (active low)" : " (active high)");
        }
    }

    /** The meter went silent: no frame for longer than {@code silence} after frames had arrived. */
    record MeterSilence(Duration silence, Supplier<Instant> lastFrame) implements PowerFailSignal {
        @Override
        public boolean isFailing(Instant now) {
            Instant last = lastFrame.get();
            return last != null && Duration.between(last, now).compareTo(silence) > 0;
        }

        @Override
        public String describe() {
            return "meter silent for more than " + silence.toSeconds() + " s";
        }
    }

    /** A test trigger: failing while {@code file} exists ({@code touch} it). */
    record TriggerFile(Path file) implements PowerFailSignal {
        @Override
        public boolean isFailing(Instant now) {
            return Files.exists(file);
        }

        @Override
        public String describe() {
            return "trigger file " + file;
        }
    }
}
