package io.amsgrid.codec.mbus;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * One EN 13757-3 data record (DIF, DIFEs, VIF, VIFEs, data), decoded.
 *
 * @param storageNumber storage number from DIF bit 6 and the DIFEs (0 = current value)
 * @param tariff        tariff from the DIFEs (0 = total)
 * @param quantity      what the VIF says, e.g. {@code "active energy"}, {@code "date-time"}
 * @param value         the scaled value in {@code unit} (BigDecimal), a {@link LocalDateTime},
 *                      or the raw bytes as hex for data the decoder does not interpret
 * @param unit          base unit ({@code Wh, varh, W, var}), or null
 * @param backward      VIFE 0x3C: accumulated only for backward flow (export)
 * @param manufacturerSpecific a VIFE 0xFF (or 0x7F) made the rest manufacturer specific
 * @param obis          the OBIS C.D.E this record maps to (see {@link En13757Decoder}), or null
 */
public record MbusRecord(
        int storageNumber,
        int tariff,
        String quantity,
        Object value,
        String unit,
        boolean backward,
        boolean manufacturerSpecific,
        String obis) {

    /** The value as a number, when it is one. */
    public BigDecimal number() {
        return value instanceof BigDecimal b ? b : null;
    }
}
