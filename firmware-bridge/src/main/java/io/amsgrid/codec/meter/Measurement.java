package io.amsgrid.codec.meter;

/**
 * The normalized quantities that amsgrid stores for every meter, in the order of the thesis's
 * Appendix A (instantaneous values first, then the cumulative energy registers).
 *
 * <p>The order of the constants is a contract: the CSV columns, the binary payload's presence
 * bitmap and the DynamoDB attribute names follow it. Append new constants at the end only.
 */
public enum Measurement {
    ACTIVE_IMPORT_W("activeImportW", "W", Kind.INSTANTANEOUS),
    ACTIVE_EXPORT_W("activeExportW", "W", Kind.INSTANTANEOUS),
    REACTIVE_IMPORT_VAR("reactiveImportVar", "var", Kind.INSTANTANEOUS),
    REACTIVE_EXPORT_VAR("reactiveExportVar", "var", Kind.INSTANTANEOUS),
    CURRENT_L1_A("currentL1A", "A", Kind.INSTANTANEOUS),
    CURRENT_L2_A("currentL2A", "A", Kind.INSTANTANEOUS),
    CURRENT_L3_A("currentL3A", "A", Kind.INSTANTANEOUS),
    VOLTAGE_L1_V("voltageL1V", "V", Kind.INSTANTANEOUS),
    VOLTAGE_L2_V("voltageL2V", "V", Kind.INSTANTANEOUS),
    VOLTAGE_L3_V("voltageL3V", "V", Kind.INSTANTANEOUS),
    ACTIVE_IMPORT_WH("activeImportWh", "Wh", Kind.ENERGY),
    ACTIVE_EXPORT_WH("activeExportWh", "Wh", Kind.ENERGY),
    REACTIVE_IMPORT_VARH("reactiveImportVarh", "varh", Kind.ENERGY),
    REACTIVE_EXPORT_VARH("reactiveExportVarh", "varh", Kind.ENERGY);

    /** Whether a quantity is sampled (aggregated avg/min/max) or a cumulative register. */
    public enum Kind { INSTANTANEOUS, ENERGY }

    private final String fieldName;
    private final String unit;
    private final Kind kind;

    Measurement(String fieldName, String unit, Kind kind) {
        this.fieldName = fieldName;
        this.unit = unit;
        this.kind = kind;
    }

    /** The camel-case name used in JSON, CSV headers and DynamoDB, e.g. {@code voltageL1V}. */
    public String fieldName() {
        return fieldName;
    }

    /** The SI unit the value is expressed in: W, var, A, V, Wh or varh. */
    public String unit() {
        return unit;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isInstantaneous() {
        return kind == Kind.INSTANTANEOUS;
    }

    /** Looks a measurement up by its {@link #fieldName()}; throws for an unknown name. */
    public static Measurement ofFieldName(String fieldName) {
        for (Measurement m : values()) {
            if (m.fieldName.equals(fieldName)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown measurement name: " + fieldName);
    }
}
