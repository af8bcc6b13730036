package io.amsgrid.analysis.report;

import io.amsgrid.analysis.AnalysisOptions;
import io.amsgrid.analysis.AnalysisResult;
import io.amsgrid.analysis.GridAnalysis;
import io.amsgrid.analysis.sim.FeederSimulator;
import io.amsgrid.analysis.sim.SimConfig;
import io.amsgrid.analysis.sim.SimResult;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens the report in a real browser (headless Chromium, the Debian package that
 * scripts/setup.sh installs) and checks in the screenshot that the charts were drawn: enough
 * non-white pixels where the first charts are, and the series colours present.
 */
class ReportBrowserIT {

    @Test
    void screenshot_headlessChromium_chartsDrawn() throws Exception {
        String chromium = findChromium();
        Path out = Paths.get("target", "report-it").toAbsolutePath();
        SimResult sim = FeederSimulator.run(SimConfig.defaults(11).withDays(2).withTransformers(2));
        AnalysisResult result = GridAnalysis.run(sim.meters(), sim.recordedTopology(), AnalysisOptions.defaults());
        Path html = HtmlReport.write(result, out);
        Path profile = Files.createTempDirectory("amsgrid-chromium-");
        Path png = out.resolve("screenshot.png");
        Files.deleteIfExists(png);
        Process p = new ProcessBuilder(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--screenshot=" + png, "--window-size=1400,3000", html.toUri().toString()))
                .redirectErrorStream(true).redirectOutput(out.resolve("chromium.log").toFile()).start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        deleteTree(profile);
        assertThat(done).as("chromium finished within 120 s (log: target/report-it/chromium.log)").isTrue();
        assertThat(png).as("screenshot written (log: target/report-it/chromium.log)").exists();

        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1400);
        assertThat(img.getHeight()).isEqualTo(3000);
        // the first day's voltage charts sit below the summary cards
        double ink = inkShare(img, 20, 300, 1380, 1300);
        assertThat(ink).as("share of non-white, non-background pixels in the chart area").isGreaterThan(0.03);
        Set<String> colours = paletteColoursSeen(img);
        assertThat(colours).as("series colours drawn").hasSizeGreaterThanOrEqualTo(5);
    }

    private static String findChromium() {
        for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium")) {
            if (new File(c).canExecute()) {
                return c;
            }
        }
        throw new AssertionError("chromium not found: run scripts/setup.sh (installs the Debian package 'chromium')");
    }

    /** Share of pixels in the rectangle that are neither white nor the page's light grey background. */
    private static double inkShare(BufferedImage img, int x0, int y0, int x1, int y1) {
        long ink = 0;
        long all = 0;
        for (int y = y0; y < y1; y += 2) {
            for (int x = x0; x < x1; x += 2) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                all++;
                if (r < 225 || g < 225 || b < 225) {
                    ink++;
                }
            }
        }
        return (double) ink / all;
    }

    /** Which of the first ten palette colours appear (within a small tolerance, anti-aliasing aside). */
    private static Set<String> paletteColoursSeen(BufferedImage img) {
        String[] palette = io.amsgrid.analysis.chart.Svg.PALETTE;
        Set<String> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                for (int i = 0; i < 10; i++) {
                    int c = Integer.parseInt(palette[i].substring(1), 16);
                    if (Math.abs((rgb >> 16 & 0xff) - (c >> 16 & 0xff)) < 12 && Math.abs((rgb >> 8 & 0xff) - (c >> 8 & 0xff)) < 12
                            && Math.abs((rgb & 0xff) - (c & 0xff)) < 12) {
                        seen.add(palette[i]);
                    }
                }
            }
        }
        return seen;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
