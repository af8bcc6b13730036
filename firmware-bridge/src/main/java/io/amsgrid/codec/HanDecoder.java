package io.amsgrid.codec;

import io.amsgrid.codec.dlms.DlmsApduDecoder;
import io.amsgrid.codec.dlms.DlmsException;
import io.amsgrid.codec.dlms.DlmsPayload;
import io.amsgrid.codec.dlms.Llc;
import io.amsgrid.codec.dlms.SecurityKeys;

import io.amsgrid.codec.hdlc.HdlcException;
import io.amsgrid.codec.hdlc.HdlcFrameView;
import io.amsgrid.codec.meter.ListDecoder;
import io.amsgrid.codec.meter.MeterReading;
import io.amsgrid.codec.meter.MeterReadings;
import io.amsgrid.codec.meter.PlainListReader;

import java.util.HexFormat;

/**
 * The codec's front door: one input in any {@link HanFormat} to a {@link DecodedList}, or a
 * {@link HanDecodeException} naming the layer and reason. Stateless and thread-safe; for a byte
 * stream from a port use {@link HanStreamDecoder}.
 */
public final class HanDecoder {

    private HanDecoder() {
    }

    /** Decodes hex (binary formats) or the telegram text ({@code dsmr-p1}). */
    public static DecodedList decode(HanFormat format, String hexOrText, SecurityKeys keys) {
        if (format.isText()) {
            return decodeText(hexOrText);
        }
        return decode(format, parseHex(hexOrText), keys);
    }

    public static DecodedList decode(HanFormat format, byte[] bytes, SecurityKeys keys) {
        try {
            return switch (format) {
                case LLC_DLMS -> {
                    int off = Llc.skip(bytes, 0, bytes.length);
                    yield payload(format, DlmsApduDecoder.decode(bytes, off, bytes.length - off, keys));
                }
                case DLMS_APDU, DLMS_GLO_RAW -> payload(format, DlmsApduDecoder.decode(bytes, 0, bytes.length, keys));
                case HDLC_DLMS, HDLC_DLMS_GBT -> Framed.hdlc(format, bytes, keys);
                case MBUS_DLMS -> Framed.mbus(format, bytes, keys);
                case MBUS_EN13757 -> Framed.en13757(bytes, keys);
                case DSMR_P1 -> Framed.p1(format, new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
            };
        } catch (DlmsException e) {
            throw HanDecodeException.of(e);
        }
    }

    /**
     * The gateway's hot path for one complete HDLC frame (7E..7E): frame and CRC check, LLC,
     * APDU, list recognition and normalization, straight to the {@link MeterReading}.
     */
    public static MeterReading readingOfFrame(byte[] frame, SecurityKeys keys) {
        return readingOfFrame(new HdlcFrameView(), frame, keys);
    }

    /**
     * {@link #readingOfFrame(byte[], SecurityKeys)} reusing a caller's view (one per thread). A
     * plain data-notification in a shape {@link PlainListReader} knows is read in place; everything
     * else (encryption, block transfer, other shapes, bad input) goes through the full decoder.
     */
    public static MeterReading readingOfFrame(HdlcFrameView view, byte[] frame, SecurityKeys keys) {
        return readingOfFrame(view, frame, keys, true);
    }

    /** {@code lean = false}: always the full decoder (tests compare the two). */
    static MeterReading readingOfFrame(HdlcFrameView view, byte[] frame, SecurityKeys keys, boolean lean) {
        try {
            view.wrap(frame, 0, frame.length);
        } catch (HdlcException e) {
            throw new HanDecodeException(HanDecodeException.Layer.HDLC, e.reason().name(), e.getMessage());
        }
        try {
            byte[] info = view.buffer();
            int start = view.informationOffset();
            int end = start + view.informationLength();
            int off = Llc.skip(info, start, end - start);
            return readingOfApdu(info, off, end - off, keys, lean);
        } catch (DlmsException e) {
            throw HanDecodeException.of(e);
        }
    }

    /** One DLMS APDU to a reading: the lean path when it applies, else the full decoder. */
    static MeterReading readingOfApdu(byte[] info, int off, int length, SecurityKeys keys, boolean lean) {
        try {
            if (lean) {
                MeterReading r = PlainListReader.read(info, off, length);
                if (r != null) {
                    return r;
                }
            }
            DlmsPayload p = DlmsApduDecoder.decode(info, off, length, keys);
            if (p instanceof DlmsPayload.Notification n) {
                return MeterReadings.of(ListDecoder.decode(n.notification()));
            }
            return HanDecoder.payload(HanFormat.HDLC_DLMS, p).reading();
        } catch (DlmsException e) {
            throw HanDecodeException.of(e);
        }
    }

    /** Decodes an IEC 62056-21 / DSMR P1 telegram. */
    public static DecodedList decodeText(String telegram) {
        return Framed.p1(HanFormat.DSMR_P1, telegram);
    }

    static DecodedList payload(HanFormat format, DlmsPayload payload) {
        return switch (payload) {
            case DlmsPayload.Notification n -> DlmsLists.of(format, n.notification());
            case DlmsPayload.TelegramText t -> Framed.p1(format, t.text());
        };
    }

    static byte[] parseHex(String hex) {
        if (hex == null) {
            throw new HanDecodeException(HanDecodeException.Layer.INPUT, "NO_INPUT", "no hex given");
        }
        String clean = hex.replaceAll("[\\s:]", "");
        if (clean.startsWith("0x") || clean.startsWith("0X")) {
            clean = clean.substring(2);
        }
        try {
            return HexFormat.of().parseHex(clean);
        } catch (IllegalArgumentException e) {
            throw new HanDecodeException(HanDecodeException.Layer.INPUT, "BAD_HEX",
                    "input is not hexadecimal (an even number of 0-9a-f digits): " + e.getMessage());
        }
    }
}
