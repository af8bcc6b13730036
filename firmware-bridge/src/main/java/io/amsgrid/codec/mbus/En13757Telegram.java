package io.amsgrid.codec.mbus;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A decoded EN 13757-3 application layer with long header.
 *
 * @param control        C field of the link layer
 * @param address        A field
 * @param ci             CI field (0x72 or 0x5B)
 * @param id             identification number, 8 BCD digits as printed on the meter
 * @param manufacturer   three-letter manufacturer code (e.g. {@code SAM} for Siemens AMIS)
 * @param version        version field
 * @param medium         medium / device type (0x02 electricity, 0x0E bus / system component ...)
 * @param accessNumber   access number
 * @param status         status byte
 * @param configWord     configuration field (bits 8-12: security mode)
 * @param securityMode   0 = none, 5 = AES-128-CBC
 * @param plaintext      the decrypted (or plain) data records, check bytes included
 * @param records        the data records in order (idle fillers 2F skipped)
 */
public record En13757Telegram(
        int control,
        int address,
        int ci,
        String id,
        String manufacturer,
        int version,
        int medium,
        int accessNumber,
        int status,
        int configWord,
        int securityMode,
        byte[] plaintext,
        List<MbusRecord> records) {

    /** A value with its unit. */
    public record Quantity(Object value, String unit) {
    }

    /** Records that map to an OBIS code, keyed {@code C.D.E} (e.g. {@code "1.8.0"}), in record order. */
    public Map<String, Quantity> values() {
        Map<String, Quantity> map = new LinkedHashMap<>();
        for (MbusRecord r : records) {
            if (r.obis() != null && r.storageNumber() == 0) {
                map.putIfAbsent(r.obis(), new Quantity(r.value(), r.unit()));
            }
        }
        return map;
    }

    /** The first current date-time record (the meter clock as sent, no zone), if any. */
    public Optional<LocalDateTime> timestamp() {
        return records.stream().filter(r -> r.value() instanceof LocalDateTime && r.storageNumber() == 0)
                .map(r -> (LocalDateTime) r.value()).findFirst();
    }
}
