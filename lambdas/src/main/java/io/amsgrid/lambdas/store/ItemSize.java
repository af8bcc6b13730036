package io.amsgrid.lambdas.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * DynamoDB item size by the documented rules (attribute names + values; numbers about 1 byte per
 * 2 significant digits + 1; 3 bytes per map/list plus 1 per element), for the cost model.
 */
public final class ItemSize {
    private ItemSize() {
    }

    public static int bytes(Map<String, AttributeValue> item) {
        int size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += utf8(e.getKey()) + value(e.getValue());
        }
        return size;
    }

    /** Write units of one standard write of the item: 1 per started KB. */
    public static int writeUnits(Map<String, AttributeValue> item) {
        return Math.max(1, (bytes(item) + 1023) / 1024);
    }

    private static int value(AttributeValue v) {
        if (v.s() != null) {
            return utf8(v.s());
        }
        if (v.n() != null) {
            return 1 + (significantDigits(v.n()) + 1) / 2;
        }
        if (v.b() != null) {
            return v.b().asByteArray().length;
        }
        if (v.bool() != null || v.nul() != null) {
            return 1;
        }
        if (v.hasM()) {
            return 3 + v.m().size() + bytes(v.m());
        }
        if (v.hasL()) {
            return 3 + v.l().size() + v.l().stream().mapToInt(ItemSize::value).sum();
        }
        return 0;
    }

    /** Digits of a DynamoDB number string without its sign, decimal point and leading zeros. */
    static int significantDigits(String n) {
        int digits = 0;
        boolean leading = true;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c == '-' || c == '.') {
                continue;
            }
            if (leading && c == '0') {
                continue;
            }
            leading = false;
            digits++;
        }
        return digits;
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
