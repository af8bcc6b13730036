package io.amsgrid.analysis.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Agglomerative (hierarchical) clustering with average linkage on the distance {@code 1 - r}:
 * start with one cluster per meter, repeatedly merge the two clusters with the smallest mean
 * pairwise distance, stop when that distance exceeds {@code maxDistance}. A missing correlation
 * (NaN: too few aligned points) counts as distance 1 (no relation).
 */
public final class Clustering {

    private Clustering() {
    }

    /** Clusters of indices into {@code r}, largest first. */
    public static List<List<Integer>> averageLinkage(double[][] r, double maxDistance) {
        List<List<Integer>> clusters = new ArrayList<>();
        for (int i = 0; i < r.length; i++) {
            clusters.add(new ArrayList<>(List.of(i)));
        }
        while (clusters.size() > 1) {
            double best = Double.POSITIVE_INFINITY;
            int bi = -1;
            int bj = -1;
            for (int i = 0; i < clusters.size(); i++) {
                for (int j = i + 1; j < clusters.size(); j++) {
                    double d = linkage(r, clusters.get(i), clusters.get(j));
                    if (d < best) {
                        best = d;
                        bi = i;
                        bj = j;
                    }
                }
            }
            if (best > maxDistance) {
                break;
            }
            clusters.get(bi).addAll(clusters.remove(bj));
        }
        clusters.forEach(c -> c.sort(Integer::compare));
        clusters.sort((a, b) -> a.size() != b.size() ? b.size() - a.size() : a.get(0) - b.get(0));
        return clusters;
    }

    private static double linkage(double[][] r, List<Integer> a, List<Integer> b) {
        double sum = 0;
        for (int i : a) {
            for (int j : b) {
                double rij = r[i][j];
                sum += Double.isNaN(rij) ? 1 : 1 - rij;
            }
        }
        return sum / (a.size() * b.size());
    }
}
