package io.amsgrid.codec.stream;

/**
 * The input buffer every stream reader of the codec keeps (HDLC, M-Bus, P1): bytes are fed in any
 * chunking, copied in, and handed to the subclass's {@link #process} scan; when the buffer is full
 * the unprocessed bytes move to its start. Unprocessed bytes are {@code buf[head, tail)};
 * {@code buf[0]} is stream offset {@code base} (for reject positions). A subclass must consume
 * (or discard) enough in {@code process} that a full buffer always has room after compacting.
 * Not thread-safe: one reader per port, fed from one thread.
 */
public abstract class ByteStreamReader {
    protected final byte[] buf;
    protected int head;
    protected int tail;
    protected long base;

    protected ByteStreamReader(int capacity) {
        this.buf = new byte[capacity];
    }

    public final void feed(byte b) {
        if (tail == buf.length) {
            compact();
        }
        buf[tail++] = b;
        process(false);
    }

    public final void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    public final void feed(byte[] bytes, int off, int len) {
        if (off < 0 || len < 0 || off > bytes.length - len) {
            throw new IndexOutOfBoundsException("off=" + off + " len=" + len + " array length=" + bytes.length);
        }
        while (len > 0) {
            if (tail == buf.length) {
                compact();
            }
            int n = Math.min(len, buf.length - tail);
            System.arraycopy(bytes, off, buf, tail, n);
            tail += n;
            off += n;
            len -= n;
            process(false);
        }
    }

    /** Scans the unprocessed bytes; {@code atEnd}: no more input will come (end of input). */
    protected abstract void process(boolean atEnd);

    /** Called after compacting moved every position in the buffer down by {@code shift}. */
    protected void compacted(int shift) {
    }

    private void compact() {
        int shift = head;
        int n = tail - head;
        System.arraycopy(buf, head, buf, 0, n);
        base += head;
        head = 0;
        tail = n;
        compacted(shift);
    }
}
