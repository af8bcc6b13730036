package io.amsgrid.localrun;

import io.amsgrid.gateway.Gateway;
import io.amsgrid.gateway.GatewayStatus;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What a {@link RunControl} sees of a running simulated {@link LocalRun}: the simulated clock, the
 * cloud stand-ins, the gateways by thing name and the oracle.
 */
public interface RunView {
    /** The simulated instant now (the meters' and gateways' clock). */
    Instant now();

    /** The simulated start of the run. */
    Instant start();

    CloudStandIns cloud();

    /** The thing names, in meter order ({@code meter-0001}, ...). */
    List<String> things();

    /** The running in-process gateway of {@code thing} (not for a child process). */
    Gateway gateway(String thing);

    /** The status of {@code thing}'s gateway (a child process: as of its last status file). */
    GatewayStatus status(String thing);

    /**
     * SIGKILLs {@code thing}'s gateway (one that {@link RunControl#inChildProcess} put in a child JVM)
     * and unplugs its meter's port, as a real port that no process has open: the frames the meter
     * sends until {@link #startKilledGateway} are read by nobody and not told to the oracle. Tells
     * the oracle which windows died with the process ({@link ExpectedData#gatewayKilled}).
     */
    void killGateway(String thing);

    /**
     * Plugs the meter's port in again (a new pseudo-terminal pair under the same path) and starts
     * a child JVM again for a gateway {@link #killGateway killed} before, on the same config and
     * state (its outbox, hourly state, journal). The meter is fed again once the new process has
     * the port open (in the background: this returns at once).
     */
    void startKilledGateway(String thing);

    /** The state directory of {@code thing}'s gateway (its outbox, journal, status file). */
    Path gatewayDir(String thing);

    /**
     * The file whose existence is {@code thing}'s power-fail trigger ({@code powerfail.triggerFile}):
     * create it and the gateway journals its last voltages as if the power went.
     */
    Path powerFailTrigger(String thing);

    /**
     * Stops {@code thing}'s gateway as on a shutdown (its outbox stays on disk), starts a new one on
     * the same config, and tells the oracle that the windows across the gap are partial.
     */
    void restartGateway(String thing);

    /** The oracle: what the cloud must hold. */
    ExpectedData expected();
}
