package io.amsgrid.codec;

import io.amsgrid.codec.dlms.DlmsException;
import io.amsgrid.codec.dlms.DlmsPayload;
import io.amsgrid.codec.dlms.GeneralBlockTransfer;
import io.amsgrid.codec.dlms.SecurityKeys;
import io.amsgrid.codec.hdlc.HdlcFrame;
import io.amsgrid.codec.hdlc.HdlcFrameReader;
import io.amsgrid.codec.hdlc.HdlcListener;
import io.amsgrid.codec.hdlc.HdlcReject;
import io.amsgrid.codec.dlms.DlmsApduDecoder;
import io.amsgrid.codec.mbus.MbusFrameReader;
import io.amsgrid.codec.mbus.MbusListener;
import io.amsgrid.codec.mbus.MbusMessage;
import io.amsgrid.codec.mbus.MbusReject;
import io.amsgrid.codec.p1.P1Listener;
import io.amsgrid.codec.p1.P1Reader;
import io.amsgrid.codec.p1.P1Reject;
import io.amsgrid.codec.p1.P1Telegram;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes the byte stream of a HAN port (any chunking) into meter lists. For HDLC ports (Norway,
 * Sweden, Switzerland...): HDLC frame reader, LLC, general-block-transfer reassembly across
 * frames, glo-ciphering, list recognition and normalization; {@link Transport#MBUS} reads DLMS
 * in M-Bus long frames (Austria, Poland) and {@link Transport#P1} DSMR / P1 telegrams. Every rejected frame or undecodable APDU is counted by {@code LAYER:REASON}
 * (e.g. {@code HDLC:BAD_FCS}, {@code DLMS:DECRYPTION_FAILED}) and passed to the listener; the
 * stream goes on with the next frame. Not thread-safe: one decoder per port.
 */
public final class HanStreamDecoder {

    /** Receives lists and errors on the thread that calls {@code feed}. */
    public interface Listener {
        void onList(DecodedList list);

        default void onError(HanDecodeException error) {
        }
    }

    /** What the port carries. */
    public enum Transport { HDLC, MBUS, P1 }

    private final SecurityKeys keys;
    private final Listener listener;
    private final HdlcFrameReader reader;
    private final MbusFrameReader mbusReader;
    private final P1Reader p1Reader;
    private final GeneralBlockTransfer gbt = new GeneralBlockTransfer();
    private final Map<String, Long> rejects = new TreeMap<>();
    private long listsDecoded;

    /** An HDLC port. */
    public HanStreamDecoder(SecurityKeys keys, Listener listener) {
        this(Transport.HDLC, keys, listener);
    }

    public HanStreamDecoder(Transport transport, SecurityKeys keys, Listener listener) {
        this.keys = keys;
        this.listener = listener;
        this.mbusReader = transport != Transport.MBUS ? null : new MbusFrameReader(new MbusListener() {
            @Override
            public void onMessage(MbusMessage message) {
                if (message instanceof MbusMessage.DlmsApdu d) {
                    deliver(() -> HanDecoder.payload(HanFormat.MBUS_DLMS,
                            DlmsApduDecoder.decode(d.apdu(), 0, d.apdu().length, keys)));
                } else {
                    error(new HanDecodeException(HanDecodeException.Layer.MBUS, "NOT_DLMS",
                            "M-Bus frame without DLMS transport (" + message + ") skipped"));
                }
            }

            @Override
            public void onReject(MbusReject reject) {
                error(new HanDecodeException(HanDecodeException.Layer.MBUS, reject.reason().name(),
                        reject.message() + " (at byte " + reject.streamOffset() + ")"));
            }
        });
        this.p1Reader = transport != Transport.P1 ? null : new P1Reader(new P1Listener() {
            @Override
            public void onTelegram(P1Telegram telegram) {
                deliver(() -> P1Lists.of(HanFormat.DSMR_P1, telegram));
            }

            @Override
            public void onReject(P1Reject reject) {
                error(new HanDecodeException(HanDecodeException.Layer.P1, reject.reason().name(),
                        reject.message() + " (at byte " + reject.streamOffset() + ")"));
            }
        });
        this.reader = transport != Transport.HDLC ? null : new HdlcFrameReader(new HdlcListener() {
            @Override
            public void onFrame(HdlcFrame frame) {
                handleFrame(frame);
            }

            @Override
            public void onReject(HdlcReject reject) {
                error(new HanDecodeException(HanDecodeException.Layer.HDLC, reject.reason().name(),
                        reject.message() + " (at byte " + reject.streamOffset() + ")"));
            }
        });
    }

    public void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    public void feed(byte[] bytes, int offset, int length) {
        if (reader != null) {
            reader.feed(bytes, offset, length);
        } else if (mbusReader != null) {
            mbusReader.feed(bytes, offset, length);
        } else {
            p1Reader.feed(bytes, offset, length);
        }
    }

    /** The input ended: a frame in progress is rejected as truncated. */
    public void endOfInput() {
        if (mbusReader != null) {
            mbusReader.endOfInput();
            return;
        }
        if (p1Reader != null) {
            p1Reader.endOfInput();
            return;
        }
        reader.endOfInput();
        if (gbt.inProgress()) {
            gbt.reset();
            error(new HanDecodeException(HanDecodeException.Layer.DLMS, "BAD_BLOCK_SEQUENCE",
                    "input ended inside a general-block-transfer"));
        }
    }

    public long listsDecoded() {
        return listsDecoded;
    }

    /** Rejects by {@code LAYER:REASON}, sorted. */
    public Map<String, Long> rejectsByReason() {
        return Collections.unmodifiableMap(rejects);
    }

    public long totalRejects() {
        return rejects.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Bytes skipped between frames (garbage, idle fill) by the transport reader. */
    public long bytesDiscarded() {
        return reader != null ? reader.stats().bytesDiscarded()
                : mbusReader != null ? mbusReader.stats().bytesDiscarded() : p1Reader.stats().bytesDiscarded();
    }

    private void handleFrame(HdlcFrame frame) {
        deliver(() -> {
            DlmsPayload payload = Framed.apduOfInformation(frame.information(), gbt, keys);
            return payload == null ? null : HanDecoder.payload(HanFormat.HDLC_DLMS, payload);
        });
    }

    private void deliver(java.util.function.Supplier<DecodedList> decode) {
        DecodedList list;
        try {
            list = decode.get();
            if (list == null) {
                return;
            }
        } catch (DlmsException e) {
            error(HanDecodeException.of(e));
            return;
        } catch (HanDecodeException e) {
            error(e);
            return;
        }
        listsDecoded++;
        listener.onList(list);
    }

    private void error(HanDecodeException e) {
        rejects.merge(e.layer() + ":" + e.code(), 1L, Long::sum);
        listener.onError(e);
    }
}
