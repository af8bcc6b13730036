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

import java.util.List;

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

    static DecodedList en13757(byte[] bytes, SecurityKeys keys) {
        throw new HanDecodeException(HanDecodeException.Layer.MBUS, "UNSUPPORTED_FORMAT",
                "EN 13757-3 application layer decoding is not available yet");
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
