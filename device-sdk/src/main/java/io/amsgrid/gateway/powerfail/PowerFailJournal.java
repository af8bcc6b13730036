package io.amsgrid.gateway.powerfail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The power-fail journal (AC9, AC10): the last voltages, written when the supply fails and
 * published on {@code pf/<thing>} at the next start before normal operation.
 *
 * <p>Fixed-size records, so a damaged one never hides the ones after it (big-endian):
 * <pre>
 * +------+--------+--------------+-----------+-----------+-----------+--------+
 * | 0xA5 | phases | timeEpochMs  | L1 V f32  | L2 V f32  | L3 V f32  | CRC32C |
 * | 1 B  |  1 B   |     8 B      |   4 B     |   4 B     |   4 B     |  4 B   |
 * +------+--------+--------------+-----------+-----------+-----------+--------+
 * </pre>
 * The CRC covers the 22 bytes before it. {@link #write} appends all samples with one
 * {@code fsync} at the end (about 30 records of 26 bytes: well inside the hold-up time of a
 * supercapacitor). After a power loss mid-write, the complete records are read back and the torn
 * or damaged ones are skipped and counted; the journal never stops the gateway from starting.
 */
public final class PowerFailJournal {
    private static final Logger LOG = LoggerFactory.getLogger(PowerFailJournal.class);
    static final int RECORD_BYTES = 26;
    private static final byte MARK = (byte) 0xA5;

    private final Path file;

    /** What was read back: the intact samples and how many records were damaged. */
    public record Contents(List<VoltageSample> samples, int corruptRecords) {
        public boolean isEmpty() {
            return samples.isEmpty() && corruptRecords == 0;
        }
    }

    public PowerFailJournal(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Appends the samples and forces them to disk. */
    public void write(List<VoltageSample> samples) {
        ByteBuffer b = ByteBuffer.allocate(samples.size() * RECORD_BYTES);
        for (VoltageSample s : samples) {
            int start = b.position();
            int phases = Float.isNaN(s.voltageL2V()) && Float.isNaN(s.voltageL3V()) ? 1 : 3;
            b.put(MARK).put((byte) phases).putLong(s.time().toEpochMilli())
                    .putFloat(s.voltageL1V()).putFloat(s.voltageL2V()).putFloat(s.voltageL3V());
            CRC32C crc = new CRC32C();
            crc.update(b.array(), start, RECORD_BYTES - 4);
            b.putInt((int) crc.getValue());
        }
        b.flip();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the power-fail journal " + file, e);
        }
    }

    /** Reads every intact record; a missing file is an empty journal. */
    public Contents read() {
        if (!Files.exists(file)) {
            return new Contents(List.of(), 0);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            LOG.error("cannot read the power-fail journal {}: {}", file, e.getMessage());
            return new Contents(List.of(), 1);
        }
        List<VoltageSample> samples = new ArrayList<>();
        int corrupt = 0;
        int whole = bytes.length / RECORD_BYTES;
        for (int i = 0; i < whole; i++) {
            ByteBuffer r = ByteBuffer.wrap(bytes, i * RECORD_BYTES, RECORD_BYTES);
            CRC32C crc = new CRC32C();
            crc.update(bytes, i * RECORD_BYTES, RECORD_BYTES - 4);
            byte mark = r.get();
            byte phases = r.get();
            long ms = r.getLong();
            float l1 = r.getFloat();
            float l2 = r.getFloat();
            float l3 = r.getFloat();
            if (mark != MARK || (phases != 1 && phases != 3) || (int) crc.getValue() != r.getInt()) {
                corrupt++;
                continue;
            }
            samples.add(new VoltageSample(Instant.ofEpochMilli(ms), l1, l2, l3));
        }
        if (bytes.length % RECORD_BYTES != 0) {
            corrupt++; // a torn last record
        }
        if (corrupt > 0) {
            LOG.warn("power-fail journal {}: {} damaged record(s) skipped, {} intact", file, corrupt, samples.size());
        }
        return new Contents(List.copyOf(samples), corrupt);
    }

    /** Deletes the journal (after its records are safely in the outbox). */
    public void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the power-fail journal " + file, e);
        }
    }
}
