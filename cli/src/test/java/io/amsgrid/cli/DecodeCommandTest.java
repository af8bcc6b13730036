package io.amsgrid.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@code ./amsgrid decode} in process, with redirected streams. */
class DecodeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Kaifa list 1 whose power 0x0000157E has 0x7E inside (amshan, MIT). */
    private static final String KAIFA_L1 = "7ea027010201105a87e6e7000f40000000090c07e4020f06011922ff8000000201060000157eea5e7e";
    /** Kamstrup 3-phase List 2 quoted in an amshan test (MIT). */
    private static final String KAMSTRUP_L2 = "7ea0e22b2113239ae6e7000f000000000c07e6011801123a32ff80000002190a0e4b616d73747275705f5630303031090601"
            + "01000005ff0a103537303635363733323635393034303709060101600101ff0a1236383431313338424e3234353130313039"
            + "3009060101010700ff060000033a09060101020700ff060000000009060101030700ff060000006809060101040700ff0600"
            + "0000b0090601011f0700ff06000000ed09060101330700ff060000005909060101470700ff060000004b09060101200700ff"
            + "1200e809060101340700ff1200e909060101480700ff1200ec84467e";

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String stdin, String... args) {
        InputStream oldIn = System.in;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            var cl = Amsgrid.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute(args);
            return new Run(exit, out.toString(), err.toString());
        } finally {
            System.setIn(oldIn);
        }
    }

    private static Path repoRoot() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("firmware-bridge/src/test/resources/vectors/mit-vectors.jsonl"))) {
                return d;
            }
        }
        throw new IllegalStateException("repository root not found");
    }

    private static List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    @Test
    void jsonl_mitVectorsAndBadLines_oneOutputLinePerInputLine() throws Exception {
        String mit = Files.readString(repoRoot().resolve("firmware-bridge/src/test/resources/vectors/mit-vectors.jsonl"));
        String input = "{not json\n" + mit + "{\"id\":\"x\",\"format\":\"carrier-pigeon\",\"hex\":\"00\"}\n"
                + "\n{\"id\":\"k\",\"format\":\"dlms-glo-raw\",\"hex\":\"db\",\"key_hex\":\"0011\"}\n";
        Run r = run(input, "decode", "--jsonl");
        assertThat(r.exit()).isZero();
        List<JsonNode> out = lines(r.out());
        assertThat(out).hasSize((int) input.lines().count());
        assertThat(out.get(0).path("ok").asBoolean()).isFalse();
        assertThat(out.get(0).path("error").path("code").asText()).isEqualTo("BAD_JSON");
        JsonNode kaifa = out.stream().filter(n -> n.path("id").asText().equals("no-kaifa-l3-3ph-amshan")).findFirst().orElseThrow();
        assertThat(kaifa.path("ok").asBoolean()).isTrue();
        assertThat(kaifa.path("listId").asText()).isEqualTo("KFM_001");
        assertThat(kaifa.path("meterTime").asText()).isEqualTo("2020-01-25T13:00:10Z");
        assertThat(kaifa.path("values").path("1.0.31.7.0.255").path("value").asDouble()).isEqualTo(14.571);
        assertThat(kaifa.path("values").path("1.0.31.7.0.255").path("unit").asText()).isEqualTo("A");
        assertThat(kaifa.path("reading").path("activeImportWh").asDouble()).isEqualTo(79591144.0);
        assertThat(kaifa.path("elements").isArray()).isTrue();
        JsonNode p1 = out.stream().filter(n -> n.path("id").asText().equals("nl-kaifa-dsmr42-dsmrparser")).findFirst().orElseThrow();
        assertThat(p1.path("values").path("1-0:1.8.1").path("value").asText()).isEqualTo("001581.123");
        assertThat(p1.path("values").path("0-1:24.2.1").get(1).path("unit").asText()).isEqualTo("m3");
        JsonNode truncated = out.stream().filter(n -> n.path("id").asText().equals("neg-truncated-aidon-l3")).findFirst().orElseThrow();
        assertThat(truncated.path("error").path("code").asText()).isEqualTo("TRUNCATED");
        assertThat(out.get(out.size() - 3).path("error").path("code").asText()).isEqualTo("UNKNOWN_FORMAT");
        assertThat(out.get(out.size() - 2).path("error").path("code").asText()).isEqualTo("BAD_JSON");
        assertThat(out.get(out.size() - 1).path("error").path("code").asText()).isEqualTo("BAD_KEY");
        assertThat(out.get(out.size() - 1).path("error").path("message").asText()).doesNotContain("0011");
    }

    @Test
    void jsonl_firstSegmentOnly_decodesWithoutErrorAsIncomplete() throws Exception {
        Path vectors = repoRoot().resolveSibling("shared").resolve("vectors/han-vectors.jsonl");
        String line = Files.readAllLines(vectors).stream()
                .filter(l -> l.contains("\"hr-iskra-ie5-segmented-first-amsr-gh1072\"")).findFirst().orElseThrow();
        Run r = run(line + "\n", "decode", "--jsonl");
        JsonNode n = lines(r.out()).get(0);
        assertThat(n.path("ok").asBoolean()).isTrue();
        assertThat(n.path("complete").asBoolean(true)).isFalse();
        assertThat(n.path("values").size()).isZero();
        assertThat(n.path("warning").asText()).contains("HDLC.SEGMENT_MISSING");
    }

    @Test
    void hex_oneFrame_printsValuesForPeople() {
        Run r = run("", "decode", "--hex", KAMSTRUP_L2);
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Kamstrup_V0001", "5706567326590407", "1.1.31.7.0.255", "2.37 A", "currentL1A");
    }

    @Test
    void hex_badFcs_oneLineErrorAndExitOne() {
        String broken = KAIFA_L1.substring(0, 40) + "00" + KAIFA_L1.substring(42);
        Run r = run("", "decode", "--hex", broken);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("amsgrid decode: HDLC BAD_FCS").doesNotContain("\n");
    }

    @Test
    void serialDump_framesGarbageAndCorruptFrame_listsThenRejectSummary(@TempDir Path dir) throws Exception {
        byte[] good1 = HexFormat.of().parseHex(KAIFA_L1);
        byte[] good2 = HexFormat.of().parseHex(KAMSTRUP_L2);
        byte[] bad = good2.clone();
        bad[60] ^= 1;
        Path dump = dir.resolve("port.bin");
        try (var out = Files.newOutputStream(dump)) {
            out.write(new byte[] {0x01, 0x02, 0x03});
            out.write(good1);
            out.write(bad);
            out.write(good2);
            out.write(java.util.Arrays.copyOf(good1, 20));
        }
        Run r = run("", "decode", "--serial-dump", dump.toString());
        assertThat(r.exit()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).startsWith("#1").contains("activeImportW=5502.0");
        assertThat(r.out()).contains("reject HDLC:BAD_FCS", "#2    Kamstrup_V0001", "summary: 2 lists decoded, 2 rejected",
                "HDLC:BAD_FCS", "HDLC:TRUNCATED");
    }

    @Test
    void decode_noMode_usageErrorExitTwo() {
        Run r = run("", "decode");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("exactly one of");
    }
}
