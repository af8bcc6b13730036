package io.amsgrid.codec;

import io.amsgrid.codec.dlms.DlmsException;
import io.amsgrid.codec.dlms.DlmsPayload;
import io.amsgrid.codec.dlms.GeneralBlockTransfer;
import io.amsgrid.codec.dlms.SecurityKeys;
import io.amsgrid.codec.hdlc.HdlcFrame;
import io.amsgrid.codec.hdlc.HdlcFrameReader;
import io.amsgrid.codec.hdlc.HdlcListener;
import io.amsgrid.codec.hdlc.HdlcReject;
import io.amsgrid.codec.hdlc.HdlcStats;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes the byte stream of an HDLC HAN port (any chunking) into meter lists: HDLC frame reader,
 * LLC, general-block-transfer reassembly across frames, glo-ciphering, list recognition and
 * normalization. Every rejected frame or undecodable APDU is counted by {@code LAYER:REASON}
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

    private final SecurityKeys keys;
    private final Listener listener;
    private final HdlcFrameReader reader;
    private final GeneralBlockTransfer gbt = new GeneralBlockTransfer();
    private final Map<String, Long> rejects = new TreeMap<>();
    private long listsDecoded;

    public HanStreamDecoder(SecurityKeys keys, Listener listener) {
        this.keys = keys;
        this.listener = listener;
        this.reader = new HdlcFrameReader(new HdlcListener() {
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
        reader.feed(bytes);
    }

    public void feed(byte[] bytes, int offset, int length) {
        reader.feed(bytes, offset, length);
    }

    /** The input ended: a frame in progress is rejected as truncated. */
    public void endOfInput() {
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

    public HdlcStats hdlcStats() {
        return reader.stats();
    }

    private void handleFrame(HdlcFrame frame) {
        DecodedList list;
        try {
            DlmsPayload payload = Framed.apduOfInformation(frame.information(), gbt, keys);
            if (payload == null) {
                return;
            }
            list = HanDecoder.payload(HanFormat.HDLC_DLMS, payload);
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
