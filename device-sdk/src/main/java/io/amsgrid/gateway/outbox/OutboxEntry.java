package io.amsgrid.gateway.outbox;

import io.amsgrid.rules.MessageKind;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One stored message (its payload stays on disk until {@link Outbox#read} is called).
 *
 * @param seq          position in the outbox, increasing across restarts
 * @param kind         the topic kind it is published on
 * @param createdAt    when it was stored
 * @param payloadBytes payload length
 * @param file         the record file
 */
public record OutboxEntry(long seq, MessageKind kind, Instant createdAt, int payloadBytes, Path file) {
}
