package io.amsgrid.gateway.aggregate;

import io.amsgrid.codec.meter.Measurement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The open windows saved by a clean stop, read back at the next start (big-endian):
 *
 * <pre>
 * +-------+-----+---------+----------------------------------------------+--------+
 * | "AMW1"| ver | windows |  window ...                                  | CRC32C |
 * |  4 B  | 1 B |  2 B    |                                              |  4 B   |
 * +-------+-----+---------+----------------------------------------------+--------+
 * window: startS 8 | endS 8 | readings 4 | lastMeterTimeMs 8 (MIN = none) | idLen 1 | meterId
 *         | measurements 1 | per measurement: ordinal 1, count 4, sum f64, min f64, max f64
 * </pre>
 *
 * Written to a temporary file, fsynced and renamed over the old one (then the directory fsynced),
 * so after a crash the file is either the old or the new one. The CRC32C covers every byte before it.
 */
public final class WindowStateFile {
    private static final int MAGIC = 0x414D5731; // "AMW1"
    private static final byte VERSION = 1;
    private static final long NO_TIME = Long.MIN_VALUE;

    /** Why a saved file was not used. */
    public enum Defect { TOO_SHORT, BAD_MAGIC, BAD_VERSION, BAD_CRC, BAD_LENGTH, BAD_VALUE }

    /** What {@link #read} found: the windows, or the defect that made the file unusable (windows empty). */
    public record Contents(List<WindowState> windows, Defect defect) {
    }

    private final Path file;

    public WindowStateFile(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Saves {@code windows} durably (replacing the file), or deletes the file when there are none. */
    public void write(List<WindowState> windows) {
        try {
            if (windows.isEmpty()) {
                delete();
                return;
            }
            byte[] bytes = encode(windows);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the open windows to " + file, e);
        }
    }

    /** Reads the saved windows; no file means none. A damaged file yields its defect and no windows. */
    public Contents read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Contents(List.of(), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the saved open windows " + file, e);
        }
        return decode(bytes);
    }

    /** Removes the file (after its windows were restored). */
    public void delete() {
        try {
            if (Files.deleteIfExists(file)) {
                syncDirectory();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    /** Moves a damaged file aside ({@code <file>.damaged}) so it is not read again but can be inspected. */
    public Path moveAside() {
        Path aside = file.resolveSibling(file.getFileName() + ".damaged");
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory();
            return aside;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the damaged " + file + " aside", e);
        }
    }

    private void syncDirectory() throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory for fsync; the rename is still atomic
        }
    }

    static byte[] encode(List<WindowState> windows) {
        ByteBuffer b = ByteBuffer.allocate(4 + 1 + 2 + windows.size() * (8 + 8 + 4 + 8 + 1 + 255 + 1 + 16 * 29) + 4);
        b.putInt(MAGIC).put(VERSION).putShort((short) windows.size());
        for (WindowState w : windows) {
            byte[] id = w.meterId() == null ? new byte[0] : w.meterId().getBytes(StandardCharsets.UTF_8);
            b.putLong(w.start().getEpochSecond()).putLong(w.end().getEpochSecond()).putInt(w.readings())
                    .putLong(w.lastMeterTime() == null ? NO_TIME : w.lastMeterTime().toEpochMilli())
                    .put((byte) Math.min(id.length, 255)).put(id, 0, Math.min(id.length, 255))
                    .put((byte) w.sums().size());
            w.sums().forEach((m, s) -> b.put((byte) m.ordinal()).putInt(s.count()).putDouble(s.sum())
                    .putDouble(s.min()).putDouble(s.max()));
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        byte[] out = new byte[b.position()];
        System.arraycopy(b.array(), 0, out, 0, out.length);
        return out;
    }

    static Contents decode(byte[] bytes) {
        if (bytes.length < 4 + 1 + 2 + 4) {
            return defect(Defect.TOO_SHORT);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.getInt() != MAGIC) {
            return defect(Defect.BAD_MAGIC);
        }
        if (b.get() != VERSION) {
            return defect(Defect.BAD_VERSION);
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt()) {
            return defect(Defect.BAD_CRC);
        }
        ByteBuffer body = ByteBuffer.wrap(bytes, 0, bytes.length - 4).position(5);
        try {
            int count = body.getShort() & 0xFFFF;
            List<WindowState> windows = new ArrayList<>(count);
            Measurement[] all = Measurement.values();
            for (int i = 0; i < count; i++) {
                Instant start = Instant.ofEpochSecond(body.getLong());
                Instant end = Instant.ofEpochSecond(body.getLong());
                int readings = body.getInt();
                long meterMs = body.getLong();
                byte[] id = new byte[body.get() & 0xFF];
                body.get(id);
                int n = body.get() & 0xFF;
                Map<Measurement, WindowState.Sums> sums = new EnumMap<>(Measurement.class);
                for (int j = 0; j < n; j++) {
                    int ordinal = body.get() & 0xFF;
                    WindowState.Sums s = new WindowState.Sums(body.getInt(), body.getDouble(), body.getDouble(),
                            body.getDouble());
                    if (ordinal >= all.length || !all[ordinal].isInstantaneous() || s.count() < 1) {
                        return defect(Defect.BAD_VALUE);
                    }
                    sums.put(all[ordinal], s);
                }
                if (!start.isBefore(end) || readings < 0) {
                    return defect(Defect.BAD_VALUE);
                }
                windows.add(new WindowState(start, end, readings,
                        id.length == 0 ? null : new String(id, StandardCharsets.UTF_8),
                        meterMs == NO_TIME ? null : Instant.ofEpochMilli(meterMs), sums));
            }
            if (body.hasRemaining()) {
                return defect(Defect.BAD_LENGTH);
            }
            return new Contents(List.copyOf(windows), null);
        } catch (BufferUnderflowException e) {
            return defect(Defect.BAD_LENGTH);
        }
    }

    private static Contents defect(Defect d) {
        return new Contents(List.of(), d);
    }
}
