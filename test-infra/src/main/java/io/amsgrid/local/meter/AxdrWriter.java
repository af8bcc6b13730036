package io.amsgrid.local.meter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;

/** Writes A-XDR encoded DLMS data (IEC 62056-6-2) the way HAN meters push it. */
final class AxdrWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    AxdrWriter structure(int count) {
        out.write(0x02);
        out.write(count);
        return this;
    }

    AxdrWriter array(int count) {
        out.write(0x01);
        out.write(count);
        return this;
    }

    AxdrWriter octets(byte[] value) {
        out.write(0x09);
        out.write(value.length);
        out.writeBytes(value);
        return this;
    }

    AxdrWriter obis(int a, int b, int c, int d, int e, int f) {
        return octets(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d, (byte) e, (byte) f});
    }

    AxdrWriter visible(String value) {
        byte[] b = value.getBytes(StandardCharsets.US_ASCII);
        out.write(0x0A);
        out.write(b.length);
        out.writeBytes(b);
        return this;
    }

    AxdrWriter doubleLongUnsigned(long value) {
        out.write(0x06);
        writeInt((int) value);
        return this;
    }

    AxdrWriter doubleLong(int value) {
        out.write(0x05);
        writeInt(value);
        return this;
    }

    AxdrWriter longSigned(int value) {
        out.write(0x10);
        out.write(value >> 8);
        out.write(value);
        return this;
    }

    AxdrWriter longUnsigned(int value) {
        out.write(0x12);
        out.write(value >> 8);
        out.write(value);
        return this;
    }

    AxdrWriter integer(int value) {
        out.write(0x0F);
        out.write(value);
        return this;
    }

    AxdrWriter enumValue(int value) {
        out.write(0x16);
        out.write(value);
        return this;
    }

    AxdrWriter nullData() {
        out.write(0x00);
        return this;
    }

    /** A scaler-unit structure {scaler, unit} as Aidon sends after each value. */
    AxdrWriter scalerUnit(int scaler, int unit) {
        return structure(2).integer(scaler).enumValue(unit);
    }

    AxdrWriter raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    private void writeInt(int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    /**
     * A COSEM date-time (12 bytes): local time, hundredths not specified, and the given deviation
     * (minutes; {@code 0x8000} = not specified) and clock status ({@code 0x80} = daylight saving).
     */
    static byte[] dateTime(LocalDateTime t, int deviation, int clockStatus) {
        int dayOfWeek = t.getDayOfWeek().getValue();
        return new byte[] {
            (byte) (t.getYear() >> 8), (byte) t.getYear(), (byte) t.getMonthValue(), (byte) t.getDayOfMonth(),
            (byte) dayOfWeek, (byte) t.getHour(), (byte) t.getMinute(), (byte) t.getSecond(), (byte) 0xFF,
            (byte) (deviation >> 8), (byte) deviation, (byte) clockStatus,
        };
    }
}
