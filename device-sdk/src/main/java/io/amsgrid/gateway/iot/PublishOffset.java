package io.amsgrid.gateway.iot;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.CRC32;

/**
 * The second within the minute at which a gateway publishes its aggregates: CRC-32 of the thing
 * name (UTF-8) modulo 60, so a fleet whose windows all end on the minute spreads its publishes
 * over the whole minute, and each gateway always uses the same second.
 */
public final class PublishOffset {
    private PublishOffset() {
    }

    public static Duration forThing(String thing) {
        CRC32 crc = new CRC32();
        crc.update(thing.getBytes(StandardCharsets.UTF_8));
        return Duration.ofSeconds(crc.getValue() % 60);
    }
}
