package io.amsgrid.gateway.source;

import java.time.Instant;

/**
 * Bytes as they arrived from the meter, with the instant they arrived: one line of the capture
 * format. A chunk may hold a whole frame, part of one, or several.
 */
public record Chunk(Instant at, byte[] bytes) {
}
