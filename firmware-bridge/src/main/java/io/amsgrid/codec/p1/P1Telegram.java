package io.amsgrid.codec.p1;

import io.amsgrid.codec.crc.Crc16Arc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One IEC 62056-21 / DSMR P1 telegram.
 *
 * <pre>
 * /KFM5KAIFA-METER          identification: '/', 3-letter manufacturer, baud-rate character, type
 *                           (empty line)
 * 1-3:0.2.8(42)             data lines: code A-B:C.D.E, then one or more (value[*unit])
 * 0-0:1.0.0(161113205757W)
 * 1-0:1.8.1(001581.123*kWh)
 * 0-1:24.2.1(161129200000W)(00981.443*m3)
 * !3F6B                     '!' then CRC-16/ARC over '/' .. '!' as 4 hex digits; bare '!' = no CRC
 * </pre>
 * Lines end with CR LF. A line starting with '(' continues the previous line's values (DSMR 2.2 gas).
 *
 * @param identification the first line without line end, e.g. {@code "/ISk5\\2MT382-1000"}
 * @param lines          the data lines in telegram order
 * @param crcStatus      {@link P1CrcStatus#VALID} or {@link P1CrcStatus#ABSENT}
 * @param crc            the CRC as sent (0..0xFFFF), or -1 when absent
 */
public record P1Telegram(String identification, List<P1Line> lines, P1CrcStatus crcStatus, int crc) {
    public P1Telegram {
        lines = List.copyOf(lines);
    }

    /** The lines by code as written, in telegram order (a repeated code keeps its first line). */
    public Map<String, P1Line> linesByCode() {
        Map<String, P1Line> map = new LinkedHashMap<>();
        for (P1Line line : lines) {
            map.putIfAbsent(line.code(), line);
        }
        return Collections.unmodifiableMap(map);
    }

    /** The line with this code as written ({@code "1-0:1.8.1"}), if present. */
    public Optional<P1Line> line(String code) {
        for (P1Line line : lines) {
            if (line.code().equals(code)) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }

    /** The first value of the line with this code, if present. */
    public Optional<P1Value> value(String code) {
        return line(code).map(P1Line::value);
    }

    /** The manufacturer flag, the three characters after '/'. */
    public String manufacturer() {
        return identification.substring(1, 4);
    }

    /**
     * Parses one telegram from its text; characters before the first '/' and after the CRC are
     * ignored. The CRC, when present, must match.
     *
     * @throws P1Exception with the reason when the telegram is not valid
     */
    public static P1Telegram parse(String text) {
        return parse(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** {@link #parse(String)} on the bytes as received (ISO-8859-1 / ASCII). */
    public static P1Telegram parse(byte[] bytes) {
        int start = -1;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '/') {
                start = i;
                break;
            }
        }
        if (start < 0) {
            throw new P1Exception(P1RejectReason.BAD_HEADER, "no '/' starting a telegram");
        }
        int bang = -1;
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == '!') {
                bang = i;
                break;
            }
        }
        if (bang < 0) {
            throw new P1Exception(P1RejectReason.TRUNCATED, "no '!' ending the telegram");
        }
        int n = Math.min(4, bytes.length - bang - 1);
        int crcLength = 0;
        while (crcLength < n && bytes[bang + 1 + crcLength] != '\r' && bytes[bang + 1 + crcLength] != '\n') {
            crcLength++;
        }
        return of(bytes, start, bang, crcLength);
    }

    /**
     * Builds the telegram from {@code buf[start]='/'} to {@code buf[bang]='!'} followed by
     * {@code crcLength} (0 or 4) CRC characters; checks the CRC and parses the lines.
     */
    static P1Telegram of(byte[] buf, int start, int bang, int crcLength) {
        int crcSent = -1;
        if (crcLength != 0) {
            crcSent = crcLength == 4 ? hex4(buf, bang + 1) : -1;
            if (crcSent < 0) {
                throw new P1Exception(P1RejectReason.BAD_CRC_FIELD, "after '!' comes '"
                        + new String(buf, bang + 1, crcLength, StandardCharsets.ISO_8859_1)
                        + "', neither 4 hex digits nor the end of the line");
            }
            int computed = Crc16Arc.compute(buf, start, bang - start + 1);
            if (computed != crcSent) {
                throw new P1Exception(P1RejectReason.BAD_CRC, String.format(
                        "telegram CRC %04X, computed %04X over %d bytes from '/' to '!'", crcSent, computed,
                        bang - start + 1));
            }
        }
        String text = new String(buf, start, bang - start, StandardCharsets.ISO_8859_1);
        String[] rows = text.split("\r?\n", -1);
        String identification = rows[0].stripTrailing();
        if (identification.length() < 5) {
            throw new P1Exception(P1RejectReason.BAD_HEADER, "identification line '" + identification
                    + "' shorter than /XXXn (manufacturer and baud-rate character)");
        }
        List<P1Line> lines = new ArrayList<>();
        for (int i = 1; i < rows.length; i++) {
            String row = rows[i].strip();
            if (row.isEmpty()) {
                continue;
            }
            if (row.charAt(0) == '(') {
                if (lines.isEmpty()) {
                    throw new P1Exception(P1RejectReason.MALFORMED_LINE, "line " + (i + 1) + " '" + row
                            + "' continues values but follows no data line");
                }
                P1Line previous = lines.remove(lines.size() - 1);
                List<P1Value> values = new ArrayList<>(previous.values());
                parseValues(row, 0, i + 1, values);
                lines.add(new P1Line(previous.code(), values));
                continue;
            }
            int open = row.indexOf('(');
            if (open <= 0) {
                throw new P1Exception(P1RejectReason.MALFORMED_LINE, "line " + (i + 1) + " '" + row
                        + "' is not code(value)");
            }
            List<P1Value> values = new ArrayList<>(2);
            parseValues(row, open, i + 1, values);
            lines.add(new P1Line(row.substring(0, open), values));
        }
        if (lines.isEmpty()) {
            throw new P1Exception(P1RejectReason.MALFORMED_LINE, "telegram '" + identification + "' has no data lines");
        }
        return new P1Telegram(identification, lines, crcLength == 0 ? P1CrcStatus.ABSENT : P1CrcStatus.VALID, crcSent);
    }

    private static void parseValues(String row, int from, int lineNumber, List<P1Value> values) {
        int i = from;
        while (i < row.length()) {
            if (row.charAt(i) != '(') {
                throw new P1Exception(P1RejectReason.MALFORMED_LINE, "line " + lineNumber + " '" + row
                        + "': expected '(' at column " + (i + 1));
            }
            int close = row.indexOf(')', i + 1);
            if (close < 0) {
                throw new P1Exception(P1RejectReason.MALFORMED_LINE, "line " + lineNumber + " '" + row
                        + "': '(' at column " + (i + 1) + " is not closed");
            }
            String content = row.substring(i + 1, close);
            int star = content.indexOf('*');
            values.add(star < 0 ? new P1Value(content, null)
                    : new P1Value(content.substring(0, star), content.substring(star + 1)));
            i = close + 1;
        }
    }

    private static int hex4(byte[] buf, int off) {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(buf[off + i], 16);
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }
}
