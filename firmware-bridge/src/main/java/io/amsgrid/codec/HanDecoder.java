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
import io.amsgrid.codec.meter.MeterReadingBuffer;
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
     * The normalized reading of one input, by the lean path where it applies and by the full
     * decoder otherwise: equal to {@code decode(format, bytes, keys).reading()} (the same reading,
     * or the same {@link HanDecodeException}), at a fraction of the cost and allocation.
     *
     * <p>The lean path ({@link PlainListReader}) reads an unencrypted data-notification in place:
     * {@link HanFormat#LLC_DLMS} (an HDLC frame's information field, e.g.
     * {@code HdlcFrame.information()}), {@link HanFormat#DLMS_APDU} and a single unsegmented
     * {@link HanFormat#HDLC_DLMS} frame, for the list shapes it knows (Kaifa, Kamstrup, Aidon,
     * generic OBIS lists, list 1). Everything else goes to the full decoder: encryption,
     * general-block-transfer, several or segmented frames, M-Bus, P1, unknown shapes, and every
     * input that does not decode (so errors are always the full decoder's). Stateless and
     * thread-safe (scratch space is per thread).
     */
    public static MeterReading reading(HanFormat format, byte[] bytes, SecurityKeys keys) {
        MeterReading lean = switch (format) {
            case LLC_DLMS -> Llc.startsWithLlc(bytes, 0, bytes.length)
                    ? PlainListReader.read(bytes, Llc.LENGTH, bytes.length - Llc.LENGTH) : null;
            case DLMS_APDU -> PlainListReader.read(bytes, 0, bytes.length);
            case HDLC_DLMS -> leanFrame(bytes);
            default -> null;
        };
        return lean != null ? lean : decode(format, bytes, keys).reading();
    }

    private static MeterReading leanFrame(byte[] bytes) {
        HdlcFrameView view = new HdlcFrameView();
        try {
            view.wrap(bytes, 0, bytes.length);
        } catch (HdlcException | IndexOutOfBoundsException e) {
            return null; // several frames, or not a frame: the full decoder reads or names it
        }
        int start = view.informationOffset();
        int length = view.informationLength();
        if (view.segmented() || !Llc.startsWithLlc(view.buffer(), start, length)) {
            return null;
        }
        return PlainListReader.read(view.buffer(), start + Llc.LENGTH, length - Llc.LENGTH);
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

    /**
     * The allocation-free hot path: one complete HDLC frame (7E..7E) checked in {@code view} and
     * its reading filled into {@code into}, both reused (one of each per thread). Frame, HCS and
     * FCS are checked in place; a plain data-notification in a shape the lean path knows fills the
     * buffer without allocating; anything else (encryption, block transfer, other shapes) goes
     * through the full decoder and fills the buffer from its reading. {@code into.toReading()}
     * equals {@link #readingOfFrame(HdlcFrameView, byte[], SecurityKeys)}.
     *
     * @throws HanDecodeException as {@link #readingOfFrame(HdlcFrameView, byte[], SecurityKeys)};
     *                            the buffer's content is then unspecified
     */
    public static void readFrame(HdlcFrameView view, byte[] frame, SecurityKeys keys, MeterReadingBuffer into) {
        int off = informationOf(view, frame);
        byte[] info = view.buffer();
        int end = view.informationOffset() + view.informationLength();
        if (!PlainListReader.fill(info, off, end - off, into)) {
            into.set(readingOfApdu(info, off, end - off, keys, false));
        }
    }

    /** {@code lean = false}: always the full decoder (tests compare the two). */
    static MeterReading readingOfFrame(HdlcFrameView view, byte[] frame, SecurityKeys keys, boolean lean) {
        int off = informationOf(view, frame);
        int end = view.informationOffset() + view.informationLength();
        return readingOfApdu(view.buffer(), off, end - off, keys, lean);
    }

    /** Wraps the frame; the offset of the APDU after the LLC header. */
    private static int informationOf(HdlcFrameView view, byte[] frame) {
        try {
            view.wrap(frame, 0, frame.length);
        } catch (HdlcException e) {
            throw new HanDecodeException(HanDecodeException.Layer.HDLC, e.reason().name(), e.getMessage());
        }
        try {
            return Llc.skip(view.buffer(), view.informationOffset(), view.informationLength());
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
