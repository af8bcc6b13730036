package io.amsgrid.codec.mbus;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Parses EN 13757-3 data records (clause 6, DIF/DIFE/VIF/VIFE). Decodes the primary VIFs for
 * energy, power, volume and date-time, the 0xFB extension codes for MWh, kvarh, kvar and MW,
 * and the combinable VIFEs 0x3B/0x3C (flow direction), 0x70-0x73 (multiplicative correction
 * 10^(nn-6)) and 0x7F/0xFF (manufacturer specific). Anything else is kept raw, without OBIS.
 */
final class MbusDataRecords {
    private static final HexFormat HEX = HexFormat.of();

    private MbusDataRecords() {
    }

    static List<MbusRecord> parse(byte[] d) {
        List<MbusRecord> records = new ArrayList<>();
        int p = 0;
        while (p < d.length) {
            int dif = d[p++] & 0xFF;
            if (dif == 0x2F) {
                continue; // idle filler
            }
            if (dif == 0x0F || dif == 0x1F) {
                records.add(new MbusRecord(0, 0, "manufacturer data", HEX.formatHex(d, p, d.length), null,
                        false, true, null));
                break;
            }
            int storage = (dif >> 6) & 1;
            int tariff = 0;
            int shift = 1;
            int tariffShift = 0;
            int dife = dif;
            while ((dife & 0x80) != 0) {
                need(d, p, 1, "DIFE");
                dife = d[p++] & 0xFF;
                storage |= (dife & 0x0F) << shift;
                tariff |= ((dife >> 4) & 0x03) << tariffShift;
                shift += 4;
                tariffShift += 2;
            }
            need(d, p, 1, "VIF");
            int vif = d[p++] & 0xFF;
            Vif v = primary(vif & 0x7F);
            boolean more = (vif & 0x80) != 0;
            if ((vif & 0x7F) == 0x7B || (vif & 0x7F) == 0x7D) {
                need(d, p, 1, "extended VIF");
                int ext = d[p++] & 0xFF;
                v = (vif & 0x7F) == 0x7B ? extensionFb(ext & 0x7F) : new Vif("FD " + hex(ext & 0x7F), null, 0, null);
                more = (ext & 0x80) != 0;
            }
            boolean backward = false;
            boolean manufacturer = (vif & 0x7F) == 0x7F;
            boolean unknownModifier = false;
            int exponent = v.exponent();
            while (more) {
                need(d, p, 1, "VIFE");
                int vife = d[p++] & 0xFF;
                more = (vife & 0x80) != 0;
                int code = vife & 0x7F;
                if (manufacturer) {
                    continue;
                }
                if (code == 0x7F) {
                    manufacturer = true;
                } else if (code == 0x3C) {
                    backward = true;
                } else if (code == 0x3B) {
                    backward = false;
                } else if (code >= 0x70 && code <= 0x73) {
                    exponent += (code & 0x03) - 6;
                } else {
                    unknownModifier = true;
                }
            }
            int field = dif & 0x0F;
            Object value;
            int length;
            switch (field) {
                case 0x0, 0x8 -> {
                    length = 0;
                    value = null;
                }
                case 0x1, 0x2, 0x3, 0x4, 0x6, 0x7 -> {
                    length = field == 0x6 ? 6 : field == 0x7 ? 8 : field;
                    need(d, p, length, "integer");
                    if (v.dateTime()) {
                        value = dateTime(d, p, length);
                    } else {
                        value = scaled(signedLittleEndian(d, p, length), exponent, v);
                    }
                }
                case 0x5 -> {
                    length = 4;
                    need(d, p, 4, "real");
                    int bits = (int) signedLittleEndian(d, p, 4);
                    value = new BigDecimal(Float.toString(Float.intBitsToFloat(bits))).scaleByPowerOfTen(exponent);
                }
                case 0x9, 0xA, 0xB, 0xC, 0xE -> {
                    length = field == 0xE ? 6 : field - 8;
                    need(d, p, length, "BCD");
                    value = scaled(bcd(d, p, length), exponent, v);
                }
                case 0xD -> {
                    need(d, p, 1, "LVAR");
                    int lvar = d[p++] & 0xFF;
                    if (lvar <= 0xBF) {
                        length = lvar;
                        need(d, p, length, "text");
                        value = new StringBuilder(new String(d, p, length, StandardCharsets.ISO_8859_1)).reverse()
                                .toString();
                    } else if (lvar >= 0xE0 && lvar <= 0xEF) {
                        length = lvar - 0xE0;
                        need(d, p, length, "binary");
                        value = HEX.formatHex(d, p, p + length);
                    } else {
                        throw malformed(String.format("variable-length data with LVAR 0x%02X is not decoded", lvar));
                    }
                }
                default -> throw malformed(String.format("DIF 0x%02X: data field 0x%X is not decoded", dif, field));
            }
            p += length;
            String unit = v.unit();
            String obis = unknownModifier || storage != 0 ? null : obis(v, backward, manufacturer, tariff);
            records.add(new MbusRecord(storage, tariff, v.quantity(), value, unit, backward, manufacturer, obis));
        }
        return records;
    }

    /**
     * OBIS C.D.E for electricity quantities: C = 1/2 active import/export, 3/4 reactive
     * import/export (export = VIFE 0x3C backward flow); D = 8 energy, 7 power, 128 (the first
     * manufacturer-specific D) for a manufacturer-specific energy register; E = tariff.
     */
    private static String obis(Vif v, boolean backward, boolean manufacturer, int tariff) {
        if (v.unit() == null) {
            return null;
        }
        int c;
        int d;
        switch (v.unit()) {
            case "Wh" -> {
                c = backward ? 2 : 1;
                d = manufacturer ? 128 : 8;
            }
            case "varh" -> {
                c = backward ? 4 : 3;
                d = manufacturer ? 128 : 8;
            }
            case "W" -> {
                c = backward ? 2 : 1;
                d = 7;
            }
            case "var" -> {
                c = backward ? 4 : 3;
                d = 7;
            }
            default -> {
                return null;
            }
        }
        if (manufacturer && d == 7) {
            return null;
        }
        return c + "." + d + "." + tariff;
    }

    /** A VIF's meaning: quantity, base unit and decimal exponent to that unit. */
    record Vif(String quantity, String unit, int exponent, String kind) {
        boolean dateTime() {
            return "datetime".equals(kind) || "date".equals(kind);
        }
    }

    private static Vif primary(int code) {
        int n = code & 0x07;
        return switch (code >> 3) {
            case 0x0 -> new Vif("active energy", "Wh", n - 3, null);
            case 0x1 -> new Vif("energy", "J", n, null);
            case 0x2 -> new Vif("volume", "m3", n - 6, null);
            case 0x3 -> new Vif("mass", "kg", n - 3, null);
            case 0x5 -> new Vif("active power", "W", n - 3, null);
            case 0x6 -> new Vif("power", "J/h", n, null);
            case 0x7 -> new Vif("volume flow", "m3/h", n - 6, null);
            default -> switch (code) {
                case 0x6C -> new Vif("date", null, 0, "date");
                case 0x6D -> new Vif("date-time", null, 0, "datetime");
                case 0x78 -> new Vif("fabrication number", null, 0, null);
                case 0x7F -> new Vif("manufacturer specific", null, 0, null);
                default -> new Vif("VIF " + hex(code), null, 0, null);
            };
        };
    }

    /** EN 13757-3 table of the 0xFB extension (the codes the vectors use and their neighbours). */
    private static Vif extensionFb(int code) {
        int n = code & 0x01;
        return switch (code >> 1) {
            case 0x00 -> new Vif("active energy", "Wh", n + 5, null); // 10^(n-1) MWh
            case 0x01 -> new Vif("reactive energy", "varh", n + 3, null); // 10^n kvarh
            case 0x0A -> new Vif("reactive power", "var", n, null); // 10^(n-3) kvar
            case 0x14 -> new Vif("active power", "W", n + 5, null); // 10^(n-1) MW
            default -> new Vif("FB " + hex(code), null, 0, null);
        };
    }

    private static Object scaled(long raw, int exponent, Vif v) {
        if (v.unit() == null) {
            return BigDecimal.valueOf(raw);
        }
        return exponent >= 0 ? BigDecimal.valueOf(raw).multiply(BigDecimal.TEN.pow(exponent))
                : BigDecimal.valueOf(raw, -exponent);
    }

    private static long signedLittleEndian(byte[] d, int p, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (d[p + i] & 0xFF);
        }
        int unused = 64 - 8 * n;
        return (v << unused) >> unused;
    }

    private static long bcd(byte[] d, int p, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            int b = d[p + i] & 0xFF;
            v = v * 100 + (b >> 4) * 10 + (b & 0x0F);
        }
        return v;
    }

    /** Type G (2 bytes, date), F (4 bytes) or I (6 bytes, with seconds) of EN 13757-3 Annex A. */
    private static Object dateTime(byte[] d, int p, int n) {
        try {
            return switch (n) {
                case 2 -> LocalDateTime.of(2000 + year(d[p], d[p + 1]), d[p + 1] & 0x0F, d[p] & 0x1F, 0, 0);
                case 4 -> LocalDateTime.of(2000 + year(d[p + 2], d[p + 3]), d[p + 3] & 0x0F, d[p + 2] & 0x1F,
                        d[p + 1] & 0x1F, d[p] & 0x3F);
                case 6 -> LocalDateTime.of(2000 + year(d[p + 3], d[p + 4]), d[p + 4] & 0x0F, d[p + 3] & 0x1F,
                        d[p + 2] & 0x1F, d[p + 1] & 0x3F, d[p] & 0x3F);
                default -> HEX.formatHex(d, p, p + n);
            };
        } catch (DateTimeException e) {
            return HEX.formatHex(d, p, p + n); // invalid or unset clock: keep the bytes
        }
    }

    private static int year(byte dayByte, byte monthByte) {
        return ((dayByte & 0xE0) >> 5) | ((monthByte & 0xF0) >> 1);
    }

    private static void need(byte[] d, int p, int n, String what) {
        if (p + n > d.length) {
            throw malformed(what + " needs " + n + " byte(s) at offset " + p + ", the data has " + d.length);
        }
    }

    private static En13757Exception malformed(String message) {
        return new En13757Exception(En13757RejectReason.MALFORMED, message);
    }

    private static String hex(int b) {
        return String.format("0x%02X", b);
    }
}
