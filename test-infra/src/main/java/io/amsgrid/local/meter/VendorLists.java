package io.amsgrid.local.meter;

import io.amsgrid.codec.meter.Measurement;

import java.time.Instant;
import java.util.Map;

import static io.amsgrid.codec.meter.Measurement.ACTIVE_EXPORT_W;
import static io.amsgrid.codec.meter.Measurement.ACTIVE_EXPORT_WH;
import static io.amsgrid.codec.meter.Measurement.ACTIVE_IMPORT_W;
import static io.amsgrid.codec.meter.Measurement.ACTIVE_IMPORT_WH;
import static io.amsgrid.codec.meter.Measurement.CURRENT_L1_A;
import static io.amsgrid.codec.meter.Measurement.CURRENT_L2_A;
import static io.amsgrid.codec.meter.Measurement.CURRENT_L3_A;
import static io.amsgrid.codec.meter.Measurement.REACTIVE_EXPORT_VAR;
import static io.amsgrid.codec.meter.Measurement.REACTIVE_EXPORT_VARH;
import static io.amsgrid.codec.meter.Measurement.REACTIVE_IMPORT_VAR;
import static io.amsgrid.codec.meter.Measurement.REACTIVE_IMPORT_VARH;
import static io.amsgrid.codec.meter.Measurement.VOLTAGE_L1_V;
import static io.amsgrid.codec.meter.Measurement.VOLTAGE_L2_V;
import static io.amsgrid.codec.meter.Measurement.VOLTAGE_L3_V;

/**
 * The list layouts of the three Norwegian vendors, as their real frames have them (see the
 * vectors in {@code ../shared/vectors}: Kaifa positional {@code KFM_001}, Kamstrup OBIS-tagged
 * {@code Kamstrup_V0001} with B=1 and null padding on single-phase meters, Aidon {@code AIDON_V0001}
 * with a scaler-unit per value and no header date-time).
 */
final class VendorLists {
    private static final Measurement[] CURRENTS = {CURRENT_L1_A, CURRENT_L2_A, CURRENT_L3_A};
    private static final Measurement[] VOLTAGES = {VOLTAGE_L1_V, VOLTAGE_L2_V, VOLTAGE_L3_V};
    private static final Measurement[] POWERS = {ACTIVE_IMPORT_W, ACTIVE_EXPORT_W, REACTIVE_IMPORT_VAR, REACTIVE_EXPORT_VAR};
    private static final Measurement[] ENERGIES = {ACTIVE_IMPORT_WH, ACTIVE_EXPORT_WH, REACTIVE_IMPORT_VARH, REACTIVE_EXPORT_VARH};

    private static final byte[] KAIFA_DEST = {0x01};
    private static final byte[] KAIFA_SRC = {0x02, 0x01};
    private static final byte[] KAMSTRUP_DEST = {0x2B};
    private static final byte[] KAMSTRUP_SRC = {0x21};
    private static final byte[] AIDON_DEST = {0x41};
    private static final byte[] AIDON_SRC = {0x08, (byte) 0x83};

    private VendorLists() {
    }

    static byte[] list1(SimulatedMeter m, Instant t, Map<Measurement, Double> v) {
        return switch (m.vendor()) {
            case KAIFA -> kaifa(t, new AxdrWriter().structure(1).doubleLongUnsigned(round(v.get(ACTIVE_IMPORT_W))));
            case AIDON -> aidon(new AxdrWriter().array(1).structure(3).obis(1, 0, 1, 7, 0, 255)
                    .doubleLongUnsigned(round(v.get(ACTIVE_IMPORT_W))).scalerUnit(0, 27));
            case KAMSTRUP -> throw new IllegalStateException("Kamstrup meters push no List 1");
        };
    }

    static byte[] list2(SimulatedMeter m, Instant t, Map<Measurement, Double> v) {
        return switch (m.vendor()) {
            case KAIFA -> kaifa(t, kaifaBody(m, v, m.phases() == 3 ? 13 : 9));
            case KAMSTRUP -> kamstrup(t, kamstrupBody(m, v, 25));
            case AIDON -> aidon(aidonBody(m, v, m.phases() == 3 ? 13 : 9));
        };
    }

    static byte[] list3(SimulatedMeter m, Instant t, Instant hour, Map<Measurement, Double> v) {
        byte[] clock = AxdrWriter.dateTime(SimulatedMeter.local(hour), 0x8000, SimulatedMeter.clockStatus(hour));
        return switch (m.vendor()) {
            case KAIFA -> {
                AxdrWriter w = kaifaBody(m, v, m.phases() == 3 ? 18 : 14).octets(clock);
                for (Measurement e : ENERGIES) {
                    w.doubleLongUnsigned(round(v.get(e)));
                }
                yield kaifa(t, w);
            }
            case KAMSTRUP -> {
                AxdrWriter w = kamstrupBody(m, v, 35).obis(0, 1, 1, 0, 0, 255).octets(clock);
                int[] c = {1, 2, 3, 4};
                for (int i = 0; i < 4; i++) {
                    w.obis(1, 1, c[i], 8, 0, 255).doubleLongUnsigned(round(v.get(ENERGIES[i]) / 10));
                }
                yield kamstrup(t, w);
            }
            case AIDON -> {
                byte[] aidonClock = AxdrWriter.dateTime(SimulatedMeter.local(hour), 0x0000, 0x00);
                AxdrWriter w = aidonBody(m, v, m.phases() == 3 ? 18 : 14)
                        .structure(2).obis(0, 0, 1, 0, 0, 255).octets(aidonClock);
                int[] c = {1, 2, 3, 4};
                int[] units = {30, 30, 32, 32};
                for (int i = 0; i < 4; i++) {
                    w.structure(3).obis(1, 0, c[i], 8, 0, 255).doubleLongUnsigned(round(v.get(ENERGIES[i]) / 10))
                            .scalerUnit(1, units[i]);
                }
                yield aidon(w);
            }
        };
    }

    private static AxdrWriter kaifaBody(SimulatedMeter m, Map<Measurement, Double> v, int count) {
        AxdrWriter w = new AxdrWriter().structure(count)
                .octets("KFM_001".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .octets(m.meterId().getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .octets((m.phases() == 3 ? "MA304H3E" : "MA105H2E").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (Measurement p : POWERS) {
            w.doubleLongUnsigned(round(v.get(p)));
        }
        for (int i = 0; i < m.phases(); i++) {
            w.doubleLongUnsigned(Math.round(v.get(CURRENTS[i]) * 1000));
        }
        for (int i = 0; i < m.phases(); i++) {
            w.doubleLongUnsigned(Math.round(v.get(VOLTAGES[i]) * 10));
        }
        return w;
    }

    private static AxdrWriter kamstrupBody(SimulatedMeter m, Map<Measurement, Double> v, int count) {
        AxdrWriter w = new AxdrWriter().structure(count).visible("Kamstrup_V0001")
                .obis(1, 1, 0, 0, 5, 255).visible(m.meterId())
                .obis(1, 1, 96, 1, 1, 255).visible(m.phases() == 3 ? "6841131BN243101040" : "6861111BN242101040");
        int[] c = {1, 2, 3, 4};
        for (int i = 0; i < 4; i++) {
            w.obis(1, 1, c[i], 7, 0, 255).doubleLongUnsigned(round(v.get(POWERS[i])));
        }
        int[] currentC = {31, 51, 71};
        int[] voltageC = {32, 52, 72};
        for (int i = 0; i < 3; i++) {
            if (i < m.phases()) {
                w.obis(1, 1, currentC[i], 7, 0, 255).doubleLongUnsigned(Math.round(v.get(CURRENTS[i]) * 100));
            } else {
                w.nullData().nullData();
            }
        }
        for (int i = 0; i < 3; i++) {
            if (i < m.phases()) {
                w.obis(1, 1, voltageC[i], 7, 0, 255).longUnsigned((int) Math.round(v.get(VOLTAGES[i])));
            } else {
                w.nullData().nullData();
            }
        }
        return w;
    }

    private static AxdrWriter aidonBody(SimulatedMeter m, Map<Measurement, Double> v, int count) {
        AxdrWriter w = new AxdrWriter().array(count)
                .structure(2).obis(1, 1, 0, 2, 129, 255).visible("AIDON_V0001")
                .structure(2).obis(0, 0, 96, 1, 0, 255).visible(m.meterId())
                .structure(2).obis(0, 0, 96, 1, 7, 255).visible(m.phases() == 3 ? "6534" : "6515");
        int[] c = {1, 2, 3, 4};
        int[] units = {27, 27, 29, 29};
        for (int i = 0; i < 4; i++) {
            w.structure(3).obis(1, 0, c[i], 7, 0, 255).doubleLongUnsigned(round(v.get(POWERS[i]))).scalerUnit(0, units[i]);
        }
        int[] currentC = {31, 51, 71};
        int[] voltageC = {32, 52, 72};
        for (int i = 0; i < m.phases(); i++) {
            w.structure(3).obis(1, 0, currentC[i], 7, 0, 255).longSigned((int) Math.round(v.get(CURRENTS[i]) * 10))
                    .scalerUnit(-1, 33);
        }
        for (int i = 0; i < m.phases(); i++) {
            w.structure(3).obis(1, 0, voltageC[i], 7, 0, 255).longUnsigned((int) Math.round(v.get(VOLTAGES[i]) * 10))
                    .scalerUnit(-1, 35);
        }
        return w;
    }

    private static long round(double value) {
        return Math.round(value);
    }

    private static byte[] kaifa(Instant t, AxdrWriter body) {
        byte[] dt = AxdrWriter.dateTime(SimulatedMeter.local(t), 0x8000, SimulatedMeter.clockStatus(t));
        byte[] field = new byte[2 + dt.length];
        field[0] = 0x09;
        field[1] = 0x0C;
        System.arraycopy(dt, 0, field, 2, dt.length);
        return HdlcWriter.frame(KAIFA_DEST, KAIFA_SRC, 0x10, HdlcWriter.dataNotification(field, body.toByteArray()));
    }

    private static byte[] kamstrup(Instant t, AxdrWriter body) {
        byte[] dt = AxdrWriter.dateTime(SimulatedMeter.local(t), 0x8000, SimulatedMeter.clockStatus(t));
        byte[] field = new byte[1 + dt.length];
        field[0] = 0x0C;
        System.arraycopy(dt, 0, field, 1, dt.length);
        return HdlcWriter.frame(KAMSTRUP_DEST, KAMSTRUP_SRC, 0x13, HdlcWriter.dataNotification(field, body.toByteArray()));
    }

    private static byte[] aidon(AxdrWriter body) {
        return HdlcWriter.frame(AIDON_DEST, AIDON_SRC, 0x13, HdlcWriter.dataNotification(new byte[] {0x00}, body.toByteArray()));
    }
}
