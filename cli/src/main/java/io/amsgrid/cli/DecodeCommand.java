package io.amsgrid.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.amsgrid.codec.DecodedList;
import io.amsgrid.codec.HanDecodeException;
import io.amsgrid.codec.HanDecoder;
import io.amsgrid.codec.HanFormat;
import io.amsgrid.codec.HanStreamDecoder;
import io.amsgrid.codec.dlms.SecurityKeys;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ./amsgrid decode}: the codec's acceptance interface. {@code --jsonl} is a contract read
 * by other tools (one output line per input line, see docs/han-protocol.md); {@code --hex} is for
 * people; {@code --serial-dump} replays raw bytes captured from a HAN port.
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = {"Decode smart-meter HAN frames and P1 telegrams.",
                "  --jsonl                 JSON Lines in the vectors' format on stdin, one JSON result per line on stdout",
                "  --hex HEX               one frame, printed for people",
                "  --serial-dump FILE      raw bytes captured from a HAN port (HDLC; --format mbus-dlms or dsmr-p1 for others):",
                "                          lists in order, then rejects by reason"})
public final class DecodeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--jsonl", description = "Read JSON Lines (fields id, format, hex|text, key_hex, auth_key_hex) on stdin.")
    boolean jsonl;

    @Option(names = "--hex", paramLabel = "HEX", description = "One frame or APDU as hex.")
    String hex;

    @Option(names = "--text", paramLabel = "TELEGRAM", description = "One P1 telegram (use $'...' for CR LF).")
    String text;

    @Option(names = "--serial-dump", paramLabel = "FILE", description = "Raw bytes as captured from a HAN port (HDLC unless --format says mbus-dlms or dsmr-p1).")
    Path serialDump;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "hdlc-dlms, hdlc-dlms-gbt, llc-dlms, dlms-apdu, mbus-dlms, mbus-en13757, dlms-glo-raw, dsmr-p1 (default: guessed from the first byte).")
    String format;

    @Option(names = "--key", paramLabel = "HEX", description = "Encryption key (GUEK), 32 hex digits.")
    String key;

    @Option(names = "--auth-key", paramLabel = "HEX", description = "Authentication key (GAK), 32 hex digits.")
    String authKey;

    @Override
    public Integer call() throws IOException {
        int modes = (jsonl ? 1 : 0) + (hex != null ? 1 : 0) + (text != null ? 1 : 0) + (serialDump != null ? 1 : 0);
        if (modes != 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give exactly one of --jsonl, --hex, --text, --serial-dump");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (jsonl) {
            JsonLines.run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out);
            return 0;
        }
        SecurityKeys keys = keys();
        if (serialDump != null) {
            HanStreamDecoder.Transport transport = format == null ? HanStreamDecoder.Transport.HDLC
                    : switch (HanFormat.of(format)) {
                        case MBUS_DLMS -> HanStreamDecoder.Transport.MBUS;
                        case DSMR_P1 -> HanStreamDecoder.Transport.P1;
                        case HDLC_DLMS, HDLC_DLMS_GBT -> HanStreamDecoder.Transport.HDLC;
                        default -> throw new CommandLine.ParameterException(spec.commandLine(),
                                "--serial-dump reads hdlc-dlms (default), mbus-dlms or dsmr-p1 streams");
                    };
            return SerialDump.run(serialDump, transport, keys, out);
        }
        HanFormat f = format != null ? HanFormat.of(format) : text != null ? HanFormat.DSMR_P1 : guess(hex);
        try {
            DecodedList d = HanDecoder.decode(f, text != null ? text : hex, keys);
            HumanOutput.print(d, out);
            return 0;
        } catch (HanDecodeException e) {
            spec.commandLine().getErr().println("amsgrid decode: " + e.layer() + " " + e.code() + ": " + e.getMessage());
            return 1;
        }
    }

    private SecurityKeys keys() {
        try {
            return SecurityKeys.ofHex(key, authKey);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The format a hex input most likely has, from its first byte(s). */
    static HanFormat guess(String hex) {
        String h = hex.replaceAll("[\\s:]", "").toLowerCase();
        if (h.startsWith("7e")) {
            return HanFormat.HDLC_DLMS;
        }
        if (h.startsWith("68")) {
            return HanFormat.MBUS_DLMS;
        }
        if (h.startsWith("e6e7") || h.startsWith("e6e6")) {
            return HanFormat.LLC_DLMS;
        }
        if (h.startsWith("db")) {
            return HanFormat.DLMS_GLO_RAW;
        }
        return HanFormat.DLMS_APDU;
    }

    /** The --jsonl loop: never stops on a bad line. */
    static final class JsonLines {
        private JsonLines() {
        }

        static void run(BufferedReader in, PrintWriter out) throws IOException {
            String line;
            while ((line = in.readLine()) != null) {
                String json;
                try {
                    json = DecodedJson.MAPPER.writeValueAsString(decodeLine(line));
                } catch (IOException | RuntimeException e) {
                    json = DecodedJson.MAPPER.writeValueAsString(DecodedJson.error(null, "INTERNAL", "DECODER_BUG",
                            "result could not be written as JSON: " + e.getMessage()));
                }
                out.println(json);
                out.flush();
            }
        }

        static JsonNode decodeLine(String line) {
            JsonNode input;
            try {
                input = DecodedJson.MAPPER.readTree(line);
            } catch (IOException e) {
                return DecodedJson.error(null, "INPUT", "BAD_JSON", "line is not valid JSON: " + firstLine(e.getMessage()));
            }
            if (input == null || !input.isObject()) {
                return DecodedJson.error(null, "INPUT", "BAD_JSON", "line is not a JSON object");
            }
            String id = input.hasNonNull("id") ? input.get("id").asText() : null;
            try {
                HanFormat format = HanFormat.of(text(input, "format"));
                String data = format.isText() ? text(input, "text") : text(input, "hex");
                if (data == null) {
                    return DecodedJson.error(id, "INPUT", "NO_INPUT",
                            "field '" + (format.isText() ? "text" : "hex") + "' missing for format " + format.id());
                }
                SecurityKeys keys = SecurityKeys.ofHex(text(input, "key_hex"), text(input, "auth_key_hex"));
                return DecodedJson.ok(id, HanDecoder.decode(format, data, keys));
            } catch (HanDecodeException e) {
                return DecodedJson.error(id, e);
            } catch (IllegalArgumentException e) {
                return DecodedJson.error(id, "INPUT", "BAD_KEY", e.getMessage());
            } catch (RuntimeException e) {
                return DecodedJson.error(id, "INTERNAL", "DECODER_BUG",
                        "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage() + " (please report this input)");
            }
        }

        private static String text(JsonNode n, String field) {
            JsonNode v = n.get(field);
            return v == null || v.isNull() ? null : v.asText();
        }

        private static String firstLine(String s) {
            if (s == null) {
                return "";
            }
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl);
        }
    }
}
