package io.amsgrid.cli;

import io.amsgrid.codec.DecodedList;
import io.amsgrid.codec.HanDecodeException;
import io.amsgrid.codec.HanStreamDecoder;
import io.amsgrid.codec.dlms.SecurityKeys;
import io.amsgrid.codec.meter.Measurement;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code ./amsgrid decode --serial-dump FILE}: replays a raw HDLC port capture. */
final class SerialDump {

    private SerialDump() {
    }

    static int run(Path file, HanStreamDecoder.Transport transport, SecurityKeys keys, PrintWriter out) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        int[] n = {0};
        HanStreamDecoder decoder = new HanStreamDecoder(transport, keys, new HanStreamDecoder.Listener() {
            @Override
            public void onList(DecodedList d) {
                n[0]++;
                StringBuilder sb = new StringBuilder();
                sb.append(String.format("#%-4d %-14s %-16s %-18s", n[0], nz(d.listId()), nz(d.meterId()),
                        d.meterClock() == null ? "-" : d.meterClock()));
                for (Measurement m : Measurement.values()) {
                    Double v = d.reading().values().get(m);
                    if (v != null) {
                        sb.append(' ').append(m.fieldName()).append('=').append(v);
                    }
                }
                out.println(sb);
            }

            @Override
            public void onError(HanDecodeException e) {
                out.println("reject " + e.layer() + ":" + e.code() + "  " + e.getMessage());
            }
        });
        byte[] chunk = new byte[4096];
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while ((r = in.read(chunk)) > 0) {
                decoder.feed(chunk, 0, r);
            }
        }
        decoder.endOfInput();
        out.printf("summary: %d lists decoded, %d rejected, %d bytes skipped between frames%n",
                decoder.listsDecoded(), decoder.totalRejects(), decoder.bytesDiscarded());
        decoder.rejectsByReason().forEach((reason, count) -> out.printf("  %-28s %d%n", reason, count));
        out.flush();
        return 0;
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }
}
