package io.amsgrid.gateway.powerfail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;

/**
 * Watches the signals and writes the voltage history into the journal once per power failure
 * (on the rising edge of any signal). Call {@link #poll} about every 100 ms.
 */
public final class PowerFailMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(PowerFailMonitor.class);

    private final List<PowerFailSignal> signals;
    private final VoltageHistory history;
    private final PowerFailJournal journal;
    private boolean failing;
    private long events;

    public PowerFailMonitor(List<PowerFailSignal> signals, VoltageHistory history, PowerFailJournal journal) {
        this.signals = List.copyOf(signals);
        this.history = history;
        this.journal = journal;
    }

    /** Checks the signals; returns true if a power failure was journaled by this call. */
    public synchronized boolean poll(Instant now) {
        PowerFailSignal active = null;
        for (PowerFailSignal s : signals) {
            if (s.isFailing(now)) {
                active = s;
                break;
            }
        }
        if (active == null) {
            failing = false;
            return false;
        }
        if (failing) {
            return false;
        }
        failing = true;
        events++;
        List<VoltageSample> samples = history.snapshot();
        journal.write(samples);
        LOG.warn("power failure ({}): {} voltage samples written to {}", active.describe(), samples.size(), journal.file());
        return true;
    }

    public synchronized long events() {
        return events;
    }
}
