package io.amsgrid.codec.meter;

import io.amsgrid.codec.dlms.DlmsData;
import io.amsgrid.codec.obis.ObisCode;

/** An OBIS-labelled A-XDR value before scaling; scaler and unit are null when the frame sent none. */
record ListEntry(ObisCode obis, DlmsData value, Integer scaler, Integer unitEnum) {
}
