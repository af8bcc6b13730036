package io.amsgrid.gateway.aggregate;

/** How an hourly List 3 relates to the one before it (AC11): never silently merged. */
public enum HourFlag {
    /** The hour right after the previous one. */
    OK,
    /** The first hour this gateway has seen (no previous hour to compare with). */
    FIRST,
    /** One or more hours are missing before this one ({@link HourlyEnergy#missingHours()}). */
    GAP,
    /** The same hour was already sent: a repeated List 3 (published again, flagged). */
    REPEAT,
    /** An hour earlier than one already sent (meter clock set back). */
    OUT_OF_ORDER
}
