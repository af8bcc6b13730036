package io.amsgrid.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest {
    /** Kaifa list 1 (amshan, MIT). */
    private static final String FRAME = "7ea027010201105a87e6e7000f40000000090c07e4020f06011922ff8000000201060000157eea5e7e";

    private static String[] run(int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = Amsgrid.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute(args)).as(err.toString()).isEqualTo(expectedExit);
        return new String[] {out.toString(), err.toString()};
    }

    @Test
    void benchDecode_validFrame_printsTheTwoLinesToolsReadFirstThenTheComparisons() {
        String out = run(0, "bench", "decode", "--hex", FRAME, "--seconds", "0.2", "--warmup", "0.2")[0];
        String[] lines = out.strip().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).matches("ns/frame [0-9]+");
        assertThat(lines[1]).matches("bytes/frame [0-9]+");
        assertThat(Long.parseLong(lines[0].split(" ")[1])).isPositive();
        assertThat(lines[2]).matches("baseline-crc16-bytewise ns/frame [0-9]+");
        assertThat(lines[3]).matches("meter-reading ns/frame [0-9]+ bytes/frame [0-9]+");
        assertThat(Long.parseLong(lines[2].split(" ")[2])).isPositive();
    }

    @Test
    void benchDecode_corruptFrame_oneLineErrorExitOne() {
        String err = run(1, "bench", "decode", "--hex", FRAME.replace("157e", "157f"), "--seconds", "0.1", "--warmup", "0")[1];
        assertThat(err.strip()).startsWith("amsgrid bench: the frame does not decode: HDLC BAD_FCS").doesNotContain("\n");
    }
}
