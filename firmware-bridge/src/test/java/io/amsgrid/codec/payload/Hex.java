package io.amsgrid.codec.payload;

import java.util.HexFormat;

/** Byte fixtures written as commented hex: everything after {@code #} on a line is a comment. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String commentedHex) {
        StringBuilder digits = new StringBuilder();
        commentedHex.lines().forEach(line -> {
            int hash = line.indexOf('#');
            digits.append((hash < 0 ? line : line.substring(0, hash)).replaceAll("\\s", ""));
        });
        return HexFormat.of().parseHex(digits);
    }
}
