package io.amsgrid.fleet.ops;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr ({@code set-interval  [#####.....] 250/500  50%  12/s}),
 * redrawn at most every 200 ms; with {@code lines} it prints a plain line every 10% instead (logs, CI).
 */
public final class ProgressBar implements AutoCloseable {
    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean lines;
    private final long started = System.nanoTime();
    private long done;
    private long lastDraw;
    private int lastDecile = -1;

    public ProgressBar(String label, long total, PrintStream out, boolean lines) {
        this.label = label;
        this.total = total;
        this.out = out;
        this.lines = lines;
    }

    public synchronized void step() {
        done++;
        draw(false);
    }

    /** The current text of the bar. */
    public synchronized String text() {
        int width = 30;
        int filled = total == 0 ? width : (int) (width * done / total);
        double seconds = (System.nanoTime() - started) / 1e9;
        return String.format(Locale.ROOT, "%s [%s%s] %d/%d %3d%% %.1f/s", label, "#".repeat(filled),
                ".".repeat(width - filled), done, total, total == 0 ? 100 : done * 100 / total,
                seconds <= 0 ? 0.0 : done / seconds);
    }

    private void draw(boolean force) {
        if (lines) {
            int decile = total == 0 ? 10 : (int) (done * 10 / total);
            if (decile != lastDecile || force) {
                lastDecile = decile;
                out.println(text());
            }
            return;
        }
        long now = System.nanoTime();
        if (force || now - lastDraw > 200_000_000L || done == total) {
            lastDraw = now;
            out.print("\r" + text());
            out.flush();
        }
    }

    @Override
    public synchronized void close() {
        draw(true);
        if (!lines) {
            out.println();
        }
    }
}
