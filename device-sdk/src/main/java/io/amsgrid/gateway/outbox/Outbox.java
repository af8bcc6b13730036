package io.amsgrid.gateway.outbox;

import io.amsgrid.rules.MessageKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's durable outbox (AC7, AC8): a directory with one record file per message, in the
 * habit of Paho's file persistence and Tape's {@code QueueFile}: peek, publish, remove only after
 * the PUBACK.
 *
 * <h2>What holds after a failure</h2>
 * <ul>
 *   <li>When {@link #add} returns, the message is on disk: the record was written to a temporary
 *       file, {@code fsync}ed, renamed atomically into place and the directory {@code fsync}ed. A
 *       crash or power loss after that never loses it (on file systems that honour {@code fsync}
 *       and atomic rename: ext4, xfs, f2fs, btrfs; not on FAT-formatted SD cards).</li>
 *   <li>A crash before {@link #add} returns leaves at most a {@code .tmp} file, deleted at the next
 *       {@link #open}: that message was never promised as stored.</li>
 *   <li>A record damaged anyway (torn write on a file system that reorders, bit rot) fails its
 *       CRC32C at {@link #open} or {@link #read}: it is moved to {@code corrupt/} (kept for
 *       inspection), counted in {@link #corruptRecords()}, logged, and skipped. It never stops the
 *       gateway.</li>
 *   <li>{@link #remove} deletes the file without a directory {@code fsync}: after a power loss an
 *       acknowledged message can reappear and is published again. Delivery is at least once, as
 *       with MQTT QoS1; the cloud side stores idempotently.</li>
 * </ul>
 *
 * <h2>Order and overflow policy</h2>
 * {@link #peek} returns power-fail records ({@code pf}) first, then everything else in the order
 * stored. When an {@link #add} would exceed {@link OutboxLimits}, the outbox drops the oldest
 * {@code raw} record, then the oldest {@code avg} record, until it fits. {@code hr} and {@code pf}
 * records are never dropped (they may exceed the limits: at most 24 hr records a day). A new
 * {@code raw}/{@code avg} record that still does not fit is itself dropped. Every drop is counted
 * per kind ({@link #dropped()}) and logged.
 */
public final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final String SEQ_FILE = "seq.reserved";
    private static final long SEQ_BLOCK = 1024;
    private static final Pattern NAME = Pattern.compile("(\\d{19})-([a-z]+)\\.rec");

    private final Path dir;
    private final OutboxLimits limits;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition added = lock.newCondition();
    private final TreeMap<Long, OutboxEntry> entries = new TreeMap<>();
    private final EnumMap<MessageKind, Long> dropped = new EnumMap<>(MessageKind.class);
    private long nextSeq = 1;
    private long reservedSeq; // sequence numbers below this are reserved in seq.reserved
    private long bytes;
    private long corrupt;

    private Outbox(Path dir, OutboxLimits limits, Clock clock) {
        this.dir = dir;
        this.limits = limits;
        this.clock = clock;
        for (MessageKind k : MessageKind.values()) {
            dropped.put(k, 0L);
        }
    }

    /** Opens (creating if needed) the outbox in {@code dir}, checking every stored record. */
    public static Outbox open(Path dir, OutboxLimits limits, Clock clock) {
        Outbox o = new Outbox(dir, limits, clock);
        try {
            Files.createDirectories(dir);
            o.scan();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open outbox directory " + dir, e);
        }
        return o;
    }

    private void scan() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(".tmp")) {
                    Files.deleteIfExists(f);
                    continue;
                }
                Matcher m = NAME.matcher(name);
                if (!m.matches()) {
                    continue;
                }
                RecordFormat.Parsed p = RecordFormat.decode(Files.readAllBytes(f));
                if (p.defect() != null || p.seq() != Long.parseLong(m.group(1))) {
                    quarantine(f, p.defect() == null ? "sequence number does not match the file name" : p.defect().name());
                    continue;
                }
                entries.put(p.seq(), new OutboxEntry(p.seq(), p.kind(), p.createdAt(), p.payload().length, f));
                bytes += p.payload().length;
            }
        }
        nextSeq = entries.isEmpty() ? 1 : entries.lastKey() + 1;
        Path corruptDir = dir.resolve("corrupt");
        if (Files.isDirectory(corruptDir)) {
            try (DirectoryStream<Path> damaged = Files.newDirectoryStream(corruptDir)) {
                for (Path f : damaged) {
                    Matcher m = NAME.matcher(f.getFileName().toString());
                    if (m.matches()) {
                        nextSeq = Math.max(nextSeq, Long.parseLong(m.group(1)) + 1);
                    }
                }
            }
        }
        try {
            nextSeq = Math.max(nextSeq, Long.parseLong(Files.readString(dir.resolve(SEQ_FILE)).strip()));
        } catch (NoSuchFileException e) {
            // first start
        } catch (IOException | NumberFormatException e) {
            LOG.warn("outbox sequence file unreadable ({}); continuing after the highest stored record", e.toString());
        }
        if (!entries.isEmpty()) {
            LOG.info("outbox opened: {} messages ({} bytes) waiting to be published", entries.size(), bytes);
        }
    }

    /** Stores a message durably (see the class javadoc); returns its entry, or empty if dropped. */
    public Optional<OutboxEntry> add(MessageKind kind, byte[] payload) {
        return add(kind, seq -> payload);
    }

    /**
     * Stores a message whose payload carries its outbox sequence number: {@code encoder} gets the
     * number (unique and increasing across restarts; gaps after a restart are normal) and
     * returns the payload.
     */
    public Optional<OutboxEntry> add(MessageKind kind, LongFunction<byte[]> encoder) {
        lock.lock();
        try {
            if (nextSeq >= reservedSeq) {
                reserveSequences();
            }
            byte[] payload = encoder.apply(nextSeq);
            if (!makeRoom(kind, payload.length)) {
                dropped.merge(kind, 1L, Long::sum);
                LOG.warn("outbox full ({} messages, {} bytes): dropped the new {} message", entries.size(), bytes,
                        kind.topicPrefix());
                return Optional.empty();
            }
            long seq = nextSeq++;
            Path file = dir.resolve(String.format("%019d-%s.rec", seq, kind.topicPrefix()));
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            var createdAt = clock.instant();
            byte[] record = RecordFormat.encode(seq, kind, createdAt, payload);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(record);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory();
            OutboxEntry e = new OutboxEntry(seq, kind, createdAt, payload.length, file);
            entries.put(seq, e);
            bytes += payload.length;
            added.signalAll();
            return Optional.of(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the outbox " + dir + " (disk full or read-only?)", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reserves the next block of sequence numbers on disk, so numbers are never reused even after
     * every record was published and removed.
     */
    private void reserveSequences() throws IOException {
        long upTo = nextSeq + SEQ_BLOCK;
        Path tmp = dir.resolve(SEQ_FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap((upTo + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(SEQ_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory();
        reservedSeq = upTo;
    }

    private boolean makeRoom(MessageKind kind, int size) {
        while (entries.size() + 1 > limits.maxMessages() || bytes + size > limits.maxBytes()) {
            OutboxEntry victim = oldest(MessageKind.RAW).or(() -> oldest(MessageKind.AVG)).orElse(null);
            if (victim == null) {
                return kind == MessageKind.HR || kind == MessageKind.PF;
            }
            if (isDroppable(kind) && dropRank(victim.kind()) > dropRank(kind)) {
                return false; // e.g. a new raw message never evicts an avg one
            }
            removeEntry(victim);
            dropped.merge(victim.kind(), 1L, Long::sum);
            LOG.warn("outbox full: dropped {} message #{} stored at {}", victim.kind().topicPrefix(), victim.seq(),
                    victim.createdAt());
        }
        return true;
    }

    private static boolean isDroppable(MessageKind k) {
        return k == MessageKind.RAW || k == MessageKind.AVG;
    }

    private static int dropRank(MessageKind k) {
        return k == MessageKind.RAW ? 0 : 1;
    }

    private Optional<OutboxEntry> oldest(MessageKind kind) {
        return entries.values().stream().filter(e -> e.kind() == kind).findFirst();
    }

    /** The next message to publish: the oldest pf record, else the oldest record. */
    public Optional<OutboxEntry> peek() {
        lock.lock();
        try {
            return oldest(MessageKind.PF).or(() -> Optional.ofNullable(entries.firstEntry()).map(Map.Entry::getValue));
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code timeout} for a message; returns it, or empty. */
    public Optional<OutboxEntry> awaitPeek(long timeout, TimeUnit unit) throws InterruptedException {
        lock.lock();
        try {
            long nanos = unit.toNanos(timeout);
            while (entries.isEmpty() && nanos > 0) {
                nanos = added.awaitNanos(nanos);
            }
            return peek();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The payload of an entry, checked again against its CRC; empty (and the record quarantined) if
     * it was damaged or removed meanwhile.
     */
    public Optional<byte[]> read(OutboxEntry e) {
        lock.lock();
        try {
            if (!entries.containsKey(e.seq())) {
                return Optional.empty();
            }
            RecordFormat.Parsed p = RecordFormat.decode(Files.readAllBytes(e.file()));
            if (p.defect() != null) {
                entries.remove(e.seq());
                bytes -= e.payloadBytes();
                quarantine(e.file(), p.defect().name());
                return Optional.empty();
            }
            return Optional.of(p.payload());
        } catch (NoSuchFileException gone) {
            removeEntry(e);
            corrupt++;
            LOG.error("outbox record {} vanished from disk; skipped", e.file());
            return Optional.empty();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read outbox record " + e.file(), ex);
        } finally {
            lock.unlock();
        }
    }

    /** Removes a published message (call after its PUBACK). */
    public void remove(OutboxEntry e) {
        lock.lock();
        try {
            if (entries.containsKey(e.seq())) {
                removeEntry(e);
            }
        } finally {
            lock.unlock();
        }
    }

    private void removeEntry(OutboxEntry e) {
        entries.remove(e.seq());
        bytes -= e.payloadBytes();
        try {
            Files.deleteIfExists(e.file());
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot delete outbox record " + e.file(), ex);
        }
    }

    private void quarantine(Path f, String reason) throws IOException {
        corrupt++;
        Path corruptDir = Files.createDirectories(dir.resolve("corrupt"));
        Files.move(f, corruptDir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        LOG.error("outbox record {} is damaged ({}); moved to {} and skipped", f.getFileName(), reason, corruptDir);
    }

    private void syncDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some platforms cannot open a directory for sync; the rename is still atomic
            LOG.debug("directory fsync not supported for {}", dir);
        }
    }

    public int depth() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }

    public long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    /** Messages dropped by the overflow policy since start, per kind. */
    public Map<MessageKind, Long> dropped() {
        lock.lock();
        try {
            return Map.copyOf(dropped);
        } finally {
            lock.unlock();
        }
    }

    /** Damaged records found and moved to {@code corrupt/} since start. */
    public long corruptRecords() {
        lock.lock();
        try {
            return corrupt;
        } finally {
            lock.unlock();
        }
    }
}
