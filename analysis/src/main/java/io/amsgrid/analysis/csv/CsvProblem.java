package io.amsgrid.analysis.csv;

/** Why a CSV file or row was not (fully) used. Each is counted and reported, never silent. */
public enum CsvProblem {
    /** The file name is not {@code yyyy-mm-dd.csv}. */
    BAD_FILE_NAME,
    /** The file could not be read (permissions, I/O). */
    UNREADABLE_FILE,
    /** The header has no {@code timestamp} column or is empty. */
    NO_TIMESTAMP_COLUMN,
    /** A header column is not a known {@code <measurement>_avg|_min|_max} name nor {@code samples}. */
    UNKNOWN_COLUMN,
    /** A row has a different number of cells than the header. */
    WRONG_CELL_COUNT,
    /** A cell is not a number (or the timestamp is not an integer). */
    BAD_NUMBER,
    /** A second row for a timestamp already read (the first one is kept). */
    DUPLICATE_TIMESTAMP
}
