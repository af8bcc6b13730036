package io.amsgrid.gateway.source;

import io.amsgrid.codec.HanDecodeException;
import io.amsgrid.codec.HanDecoder;
import io.amsgrid.codec.HanFormat;
import io.amsgrid.codec.crc.Crc16X25;
import io.amsgrid.codec.dlms.SecurityKeys;
import io.amsgrid.codec.hdlc.HdlcFrame;
import io.amsgrid.codec.hdlc.HdlcFrameReader;
import io.amsgrid.codec.hdlc.HdlcListener;
import io.amsgrid.codec.hdlc.HdlcReject;
import io.amsgrid.codec.meter.MeterReading;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The codec's HDLC frame reader and DLMS decoder on a HAN byte stream: frames failing HCS/FCS or
 * any later check become rejects counted by reason; good frames become {@code MeterReading}s.
 * Readings come from the codec's lean path ({@link HanDecoder#reading}: plain lists read in
 * place), which falls back to the full decoder for encrypted frames, block transfer and unknown
 * shapes, and for every frame that does not decode (so reject reasons are the full decoder's).
 */
public final class HanMeterDecoder implements MeterDecoder {
    private final Listener listener;
    private final SecurityKeys keys;
    private final HdlcFrameReader reader;
    private final AtomicLong framesOk = new AtomicLong();
    private final Map<String, Long> rejects = new ConcurrentHashMap<>();
    private Instant at = Instant.EPOCH;

    public HanMeterDecoder(Listener listener, SecurityKeys keys) {
        this.listener = listener;
        this.keys = keys;
        this.reader = new HdlcFrameReader(new HdlcListener() {
            @Override
            public void onFrame(HdlcFrame frame) {
                decode(frame);
            }

            @Override
            public void onReject(HdlcReject reject) {
                reject("HDLC:" + reject.reason().name(), reject.message());
            }
        });
    }

    @Override
    public void feed(Chunk chunk) {
        at = chunk.at();
        reader.feed(chunk.bytes());
    }

    private void decode(HdlcFrame frame) {
        MeterReading reading;
        try {
            reading = HanDecoder.reading(HanFormat.LLC_DLMS, frame.information(), keys);
        } catch (HanDecodeException e) {
            reject(e.layer().name() + ":" + e.code(), e.getMessage());
            return;
        } catch (RuntimeException e) {
            reject("DLMS:UNEXPECTED", e.toString()); // a codec bug must not stop the gateway
            return;
        }
        framesOk.incrementAndGet();
        listener.onReading(reading, at, frame.segmentCount() == 1 ? rebuild(frame) : null);
    }

    private void reject(String reason, String message) {
        rejects.merge(reason, 1L, Long::sum);
        listener.onReject(reason, message, at);
    }

    /** The frame's bytes flag to flag, rebuilt from its fields (HCS and FCS recomputed). */
    static byte[] rebuild(HdlcFrame f) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(f.length() + 2);
        b.write(f.format() >> 8);
        b.write(f.format());
        address(b, f.destinationAddress(), f.destinationAddressLength());
        address(b, f.sourceAddress(), f.sourceAddressLength());
        b.write(f.control());
        byte[] header = b.toByteArray();
        int hcs = Crc16X25.compute(header, 0, header.length);
        b.write(hcs);
        b.write(hcs >> 8);
        b.writeBytes(f.information());
        byte[] body = b.toByteArray();
        int fcs = Crc16X25.compute(body, 0, body.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 4);
        out.write(0x7E);
        out.writeBytes(body);
        out.write(fcs);
        out.write(fcs >> 8);
        out.write(0x7E);
        return out.toByteArray();
    }

    private static void address(ByteArrayOutputStream b, int value, int length) {
        for (int i = length - 1; i >= 0; i--) {
            b.write(value >> (8 * i));
        }
    }

    @Override
    public long framesOk() {
        return framesOk.get();
    }

    @Override
    public Map<String, Long> rejectsByReason() {
        return new TreeMap<>(rejects);
    }
}
