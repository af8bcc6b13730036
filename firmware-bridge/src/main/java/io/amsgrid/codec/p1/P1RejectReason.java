package io.amsgrid.codec.p1;

/** Why a P1 telegram was rejected; counted in {@link P1Stats}. */
public enum P1RejectReason {
    /** The CRC-16/ARC over '/' .. '!' does not match the four hex digits after '!'. */
    BAD_CRC,
    /** The characters after '!' are neither four hex digits nor the end of the line. */
    BAD_CRC_FIELD,
    /** A new telegram ('/' at the start of a line) begins before '!', or the input ends inside a telegram. */
    TRUNCATED,
    /** More bytes than the configured maximum before the '!'. */
    TOO_LONG,
    /** The identification line is not {@code /XXXn...} (3 manufacturer characters, baud-rate character). */
    BAD_HEADER,
    /** A data line that is not {@code code(value)(value)...}, or a telegram without data lines. */
    MALFORMED_LINE
}
