package io.amsgrid.codec.meter;

import io.amsgrid.codec.dlms.CosemDateTime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The last list a meter sent, as a plan: the data-notification's bytes with the bytes that only
 * carry values masked out (invoke-id, header date-time, the content of every number, the clock's
 * content), and what {@link PlainListReader} made of it (profile, identity strings, which number
 * goes into which measurement with which scaler and unit factor, where the clock is).
 *
 * <p>A meter repeats its list every 2-10 seconds with only the values changed. When a frame's
 * unmasked bytes equal the plan's (compared eight bytes at a time), every decision the walk makes
 * (tags, lengths, OBIS codes, scaler-units, list id, meter id and type, profile) would come out the
 * same, so the values are read at the remembered offsets and no OBIS code is compared. Any other
 * byte different (another list, a changed layout, a new scaler, another meter) and the plan does
 * not match: the full walk runs and makes a new plan. Lists with values outside the 14
 * measurements ({@code other}) are not planned.
 */
final class ListPlan {
    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private byte[] template = new byte[256]; // the bytes, masked ones zero
    private byte[] mask = new byte[256]; // 0xFF where the byte must match, 0 where it carries a value
    private int length = -1; // -1: no plan

    private ListProfile profile;
    private String listId;
    private String meterId;
    private String meterType;
    private int clockAt; // relative to the APDU, -1 when none
    private int headerAt; // relative to the APDU, -1 when none
    private boolean clockIsItem;

    private int[] putTag = new int[32];
    private int[] putAt = new int[32];
    private int[] putScaler = new int[32];
    private int[] putMeasurement = new int[32];
    private double[] putFactor = new double[32];
    private int puts;

    /** Drops the plan (the next frame takes the full walk). */
    void invalidate() {
        length = -1;
    }

    boolean isValid() {
        return length >= 0;
    }

    /** Starts recording the plan of the APDU {@code b[off, off+len)}; every byte must match until {@link #maskOut}. */
    void start(byte[] b, int off, int len) {
        if (template.length < len) {
            template = new byte[Math.max(len, template.length * 2)];
            mask = new byte[template.length];
        }
        System.arraycopy(b, off, template, 0, len);
        Arrays.fill(mask, 0, len, (byte) 0xFF);
        puts = 0;
        length = -1;
    }

    /** Bytes {@code [at, at+n)} (relative to the APDU) carry values only. */
    void maskOut(int at, int n) {
        Arrays.fill(mask, at, at + n, (byte) 0);
        Arrays.fill(template, at, at + n, (byte) 0);
    }

    /** The number of tag {@code tag} at {@code at} (relative), scaled by 10^scaler and {@code factor}, is measurement {@code m}. */
    void put(int m, int tag, int at, int scaler, double factor) {
        if (puts == putTag.length) {
            int n = puts * 2;
            putTag = Arrays.copyOf(putTag, n);
            putAt = Arrays.copyOf(putAt, n);
            putScaler = Arrays.copyOf(putScaler, n);
            putMeasurement = Arrays.copyOf(putMeasurement, n);
            putFactor = Arrays.copyOf(putFactor, n);
        }
        putTag[puts] = tag;
        putAt[puts] = at;
        putScaler[puts] = scaler;
        putMeasurement[puts] = m;
        putFactor[puts] = factor;
        puts++;
    }

    /** Completes the plan started with {@link #start}. */
    void finish(int len, ListProfile profile, String listId, String meterId, String meterType,
                int clockAt, boolean clockIsItem, int headerAt) {
        this.profile = profile;
        this.listId = listId;
        this.meterId = meterId;
        this.meterType = meterType;
        this.clockAt = clockAt;
        this.clockIsItem = clockIsItem;
        this.headerAt = headerAt;
        this.length = len;
    }

    /** True when the APDU {@code b[off, off+len)} is the planned list with other values. */
    boolean matches(byte[] b, int off, int len) {
        if (len != length) {
            return false;
        }
        byte[] t = template;
        byte[] m = mask;
        int full = len & ~7;
        int i = 0;
        for (; i < full; i += 8) {
            if (((long) WORD.get(b, off + i) & (long) WORD.get(m, i)) != (long) WORD.get(t, i)) {
                return false;
            }
        }
        for (; i < len; i++) {
            if ((b[off + i] & m[i]) != t[i]) {
                return false;
            }
        }
        return true;
    }

    /** Fills {@code into} from the APDU at {@code off}, which {@link #matches}. */
    void apply(byte[] b, int off, MeterReadingBuffer into) {
        into.clear();
        for (int i = 0; i < puts; i++) {
            into.put(putMeasurement[i], AxdrNumbers.scaledDouble(b, putTag[i], off + putAt[i], putScaler[i]) * putFactor[i]);
        }
        into.setIdentity(listId, meterId, meterType);
        PlainListReader.fillTime(b, clockAt < 0 ? -1 : off + clockAt, clockIsItem, headerAt < 0 ? -1 : off + headerAt, profile, into);
    }
}
