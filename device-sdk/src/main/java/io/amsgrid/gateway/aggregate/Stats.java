package io.amsgrid.gateway.aggregate;

/**
 * Average, minimum, maximum and number of samples of one measurement over one window.
 *
 * @param count number of samples that carried the measurement (every list counts)
 * @param avg   arithmetic mean of the samples
 * @param min   smallest sample
 * @param max   largest sample
 */
public record Stats(int count, double avg, double min, double max) {

    /** Mutable running sum; not thread-safe (one per window and measurement). */
    static final class Accumulator {
        private int count;
        private double sum;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;

        void add(double value) {
            count++;
            sum += value;
            min = Math.min(min, value);
            max = Math.max(max, value);
        }

        static Accumulator of(WindowState.Sums s) {
            Accumulator a = new Accumulator();
            a.count = s.count();
            a.sum = s.sum();
            a.min = s.min();
            a.max = s.max();
            return a;
        }

        WindowState.Sums sums() {
            return new WindowState.Sums(count, sum, min, max);
        }

        Stats toStats() {
            return new Stats(count, sum / count, min, max);
        }
    }
}
