package io.amsgrid.localrun;

/**
 * An optional hook into a simulated {@link LocalRun}, for fault tests and the load harness: called
 * on the run's own loop thread about every 200 ms of wall time while the meters run (so at 10x,
 * about every 2 s of simulated time), and once more before the run drains and checks its data.
 * It reads the simulated time from {@link RunView#now()} and acts through the view (stop the
 * broker, restart a gateway, change the shadow, tell the oracle). Keep it quick: the run waits.
 */
public interface RunControl {
    /** Does nothing. */
    RunControl NONE = new RunControl() {
        @Override
        public void onTick(RunView run) {
        }
    };

    /**
     * True to run {@code thing}'s gateway in its own JVM ({@link ChildGatewayMain}), so that
     * {@link RunView#killGateway} can SIGKILL it. Asked once per thing at start.
     */
    default boolean inChildProcess(String thing) {
        return false;
    }

    /**
     * Extra gateway.properties entries for {@code thing}'s gateway (e.g. {@code reconnect.maxMs}),
     * written over the run's own; asked once per thing at start. None by default.
     */
    default java.util.Map<String, String> gatewaySettings(String thing) {
        return java.util.Map.of();
    }

    /** Called while the meters run. */
    void onTick(RunView run);

    /** Called after the meters stopped and the last windows closed, before the drain and the checks. */
    default void beforeDrain(RunView run) {
    }
}
