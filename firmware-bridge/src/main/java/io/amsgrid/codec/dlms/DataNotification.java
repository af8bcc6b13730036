package io.amsgrid.codec.dlms;

/**
 * data-notification APDU (tag 0x0F, IEC 62056-5-3): what a meter pushes on its HAN port.
 *
 * <pre>
 *  0F | long-invoke-id-and-priority (4) | date-time | notification-body (A-XDR data)
 *  date-time, three encodings met in the field:
 *     00                 absent
 *     0C + 12 bytes      octet-string length without type tag (the standard form)
 *     09 0C + 12 bytes   with an octet-string tag in front (Kaifa NO, Kamstrup firmware of 2017)
 * </pre>
 *
 * @param dateTime     the header date-time, or null when absent (or not 12 bytes)
 * @param security     how the APDU was protected on the wire, or null when it was sent in clear
 */
public record DataNotification(long longInvokeIdAndPriority, DateTimeEncoding dateTimeEncoding,
                               CosemDateTime dateTime, DlmsData body, Security security) {

    public static final int TAG = 0x0F;

    /** How the header date-time was written. */
    public enum DateTimeEncoding { ABSENT, LENGTH_PREFIXED, TAGGED_OCTET_STRING }

    /** The general-glo-ciphering envelope the notification came in. */
    public record Security(String systemTitleHex, long frameCounter, int securityControl, boolean authenticated) {
    }

    DataNotification withSecurity(Security s) {
        return new DataNotification(longInvokeIdAndPriority, dateTimeEncoding, dateTime, body, s);
    }

    /** Parses a complete data-notification APDU (starting with 0x0F). */
    public static DataNotification parse(byte[] apdu, int offset, int length) {
        AxdrReader r = new AxdrReader(apdu, offset, length);
        int tag = r.readUnsignedByte();
        if (tag != TAG) {
            throw new DlmsException(DlmsErrorReason.UNSUPPORTED_APDU,
                    "expected a data-notification (0x0F), got 0x" + AxdrReader.hex2(tag));
        }
        long invokeId = r.readUnsigned32();
        DateTimeEncoding encoding;
        int dtLength = r.readUnsignedByte();
        if (dtLength == DlmsType.OCTET_STRING.tag()) {
            encoding = DateTimeEncoding.TAGGED_OCTET_STRING;
            dtLength = r.readUnsignedByte();
        } else {
            encoding = dtLength == 0 ? DateTimeEncoding.ABSENT : DateTimeEncoding.LENGTH_PREFIXED;
        }
        if (dtLength != 0 && dtLength != CosemDateTime.LENGTH) {
            throw new DlmsException(DlmsErrorReason.BAD_LENGTH,
                    "header date-time of " + dtLength + " bytes, expected 0 or 12");
        }
        CosemDateTime dateTime = null;
        if (dtLength == CosemDateTime.LENGTH) {
            int at = r.position();
            r.skip(CosemDateTime.LENGTH);
            dateTime = CosemDateTime.parse(apdu, at);
        }
        DlmsData body = r.readData();
        if (r.hasRemaining()) {
            throw new DlmsException(DlmsErrorReason.BAD_LENGTH,
                    r.remaining() + " bytes left after the notification body");
        }
        return new DataNotification(invokeId, encoding, dateTime, body, null);
    }
}
