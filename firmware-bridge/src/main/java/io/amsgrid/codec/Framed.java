package io.amsgrid.codec;

import io.amsgrid.codec.dlms.DlmsApduDecoder;
import io.amsgrid.codec.dlms.DlmsErrorReason;
import io.amsgrid.codec.dlms.DlmsException;
import io.amsgrid.codec.dlms.DlmsPayload;
import io.amsgrid.codec.dlms.GeneralBlockTransfer;
import io.amsgrid.codec.dlms.Llc;
import io.amsgrid.codec.dlms.SecurityKeys;
import io.amsgrid.codec.hdlc.HdlcException;
import io.amsgrid.codec.hdlc.HdlcFrame;
import io.amsgrid.codec.hdlc.HdlcFrameReader;
import io.amsgrid.codec.mbus.MbusException;
import io.amsgrid.codec.mbus.MbusFrameReader;
import io.amsgrid.codec.mbus.MbusMessage;
import io.amsgrid.codec.p1.P1Exception;
import io.amsgrid.codec.p1.P1Telegram;

import io.amsgrid.codec.mbus.En13757Decoder;
import io.amsgrid.codec.mbus.En13757Exception;
import io.amsgrid.codec.mbus.En13757Telegram;
import io.amsgrid.codec.meter.Measurement;
import io.amsgrid.codec.meter.MeterReading;
import io.amsgrid.codec.meter.MeterReadings;
import io.amsgrid.codec.meter.MeterTimeRule;
import io.amsgrid.codec.obis.ObisCode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The framed formats (HDLC, M-Bus, P1), built on the framing layer's readers. */
final class Framed {

    private Framed() {
    }

    /**
     * One or more HDLC frames: each frame's information field (LLC header optional after the first
     * block of a general-block-transfer) is an APDU or a GBT block; the last complete APDU wins.
     */
    static DecodedList hdlc(HanFormat format, byte[] bytes, SecurityKeys keys) {
        List<HdlcFrame> frames;
        try {
            frames = HdlcFrameReader.readFrames(bytes);
        } catch (HdlcException e) {
            throw new HanDecodeException(HanDecodeException.Layer.HDLC, e.reason().name(), e.getMessage());
        }
        if (frames.isEmpty()) {
            throw new HanDecodeException(HanDecodeException.Layer.HDLC, "NO_FRAME",
                    "no HDLC frame (7E A... 7E) found in " + bytes.length + " bytes");
        }
        GeneralBlockTransfer gbt = new GeneralBlockTransfer();
        DecodedList last = null;
        for (HdlcFrame frame : frames) {
            DlmsPayload payload = apduOfInformation(frame.information(), gbt, keys);
            if (payload != null) {
                last = HanDecoder.payload(format, payload);
            }
        }
        if (last == null) {
            throw HanDecodeException.of(new DlmsException(DlmsErrorReason.BAD_BLOCK_SEQUENCE,
                    "general-block-transfer incomplete: the block with the last-block bit did not arrive"));
        }
        return last;
    }

    /** The payload of one HDLC information field, or null while a general-block-transfer is incomplete. */
    static DlmsPayload apduOfInformation(byte[] info, GeneralBlockTransfer gbt, SecurityKeys keys) {
        int off = Llc.startsWithLlc(info, 0, info.length) ? Llc.LENGTH : 0;
        if (off == 0 && !(info.length > 0 && (info[0] & 0xFF) == GeneralBlockTransfer.TAG && gbt.inProgress())) {
            Llc.skip(info, 0, info.length); // throws BAD_LLC with the bytes found
        }
        if (info.length > off && (info[off] & 0xFF) == GeneralBlockTransfer.TAG) {
            byte[] whole = gbt.accept(info, off, info.length - off);
            return whole == null ? null : DlmsApduDecoder.decode(whole, 0, whole.length, keys);
        }
        return DlmsApduDecoder.decode(info, off, info.length - off, keys);
    }

    static DecodedList mbus(HanFormat format, byte[] bytes, SecurityKeys keys) {
        List<MbusMessage> messages;
        try {
            messages = MbusFrameReader.readMessages(bytes);
        } catch (MbusException e) {
            throw new HanDecodeException(HanDecodeException.Layer.MBUS, e.reason().name(), e.getMessage());
        }
        DecodedList last = null;
        for (MbusMessage m : messages) {
            if (m instanceof MbusMessage.DlmsApdu d) {
                last = HanDecoder.payload(format, DlmsApduDecoder.decode(d.apdu(), 0, d.apdu().length, keys));
            }
        }
        if (last == null) {
            throw new HanDecodeException(HanDecodeException.Layer.MBUS, "NO_DLMS",
                    "no M-Bus long frame carrying DLMS (CI 0x00..0x1F) in " + bytes.length + " bytes");
        }
        return last;
    }

    /** EN 13757-3 (Siemens AMIS, Austria): records with OBIS C.D.E, keyed as such in {@code values}. */
    static DecodedList en13757(byte[] bytes, SecurityKeys keys) {
        En13757Telegram t;
        try {
            t = En13757Decoder.decode(bytes, keys.encryptionKey());
        } catch (En13757Exception e) {
            throw new HanDecodeException(HanDecodeException.Layer.MBUS, e.reason().name(), e.getMessage());
        } catch (MbusException e) {
            throw new HanDecodeException(HanDecodeException.Layer.MBUS, e.reason().name(), e.getMessage());
        }
        Map<String, DecodedList.Value> values = new LinkedHashMap<>();
        Map<Measurement, Double> measurements = new EnumMap<>(Measurement.class);
        Map<ObisCode, MeterReading.Quantity> other = new LinkedHashMap<>();
        List<Object> elements = new ArrayList<>();
        t.values().forEach((cde, q) -> {
            Object v = q.value() instanceof BigDecimal b ? number(b) : q.value();
            values.put(cde, new DecodedList.Value(v, q.unit(), v, null));
            String[] g = cde.split("\\.");
            ObisCode obis = ObisCode.of(1, 0, Integer.parseInt(g[0]), Integer.parseInt(g[1]), Integer.parseInt(g[2]), 255);
            Measurement m = MeterReadings.measurementOf(obis);
            double factor = m == null ? Double.NaN : MeterReadings.toBaseUnit(q.unit(), m);
            if (m != null && v instanceof Number n && !Double.isNaN(factor)) {
                measurements.put(m, n.doubleValue() * factor);
            } else {
                other.put(obis, new MeterReading.Quantity(v, q.unit()));
            }
        });
        for (var r : t.records()) {
            elements.add(r.value() instanceof BigDecimal b ? number(b) : String.valueOf(r.value()));
        }
        LocalDateTime clock = t.timestamp().orElse(null);
        String meterClock = clock == null ? null : clock.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        Instant time = clock == null ? null : clock.atZone(MeterTimeRule.NORWAY).toInstant();
        String meterId = t.manufacturer() + t.id();
        MeterReading reading = new MeterReading(meterId, t.manufacturer(), null, meterClock, time, measurements, other);
        return new DecodedList(HanFormat.MBUS_EN13757, "EN 13757-3", null, meterId, t.manufacturer(), meterClock, time,
                values, elements, reading);
    }

    private static Object number(BigDecimal b) {
        BigDecimal s = b.stripTrailingZeros();
        return s.scale() <= 0 && s.precision() - s.scale() < 18 ? (Object) s.longValueExact() : (Object) b.doubleValue();
    }

    static DecodedList p1(HanFormat format, String text) {
        P1Telegram telegram;
        try {
            telegram = P1Telegram.parse(text);
        } catch (P1Exception e) {
            throw new HanDecodeException(HanDecodeException.Layer.P1, e.reason().name(), e.getMessage());
        }
        return P1Lists.of(format, telegram);
    }
}
