package io.amsgrid.fleet.data;

import io.amsgrid.fleet.FleetError;
import io.amsgrid.fleet.FleetException;
import io.amsgrid.fleet.ops.ProgressBar;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code data pull}: copies the export's CSV files {@code csv/<thing>/<kind>/<yyyy-mm-dd>.csv}
 * from S3 to {@code outDir/<thing>/<kind>/<yyyy-mm-dd>.csv}. A file already present with the same
 * size and MD5 (the ETag of a single-part upload) is skipped; a changed one is downloaded again to a
 * temporary file and moved into place, so a file on disk is always whole.
 */
public final class DataPull {
    /** What was done. */
    public record Summary(int listed, int downloaded, int unchanged, long bytes) {
    }

    private DataPull() {
    }

    /** {@code meter} null = every meter in the bucket. {@code kind}: avg, hr or pf. */
    public static Summary pull(S3Client s3, String bucket, String meter, String kind, LocalDate from, LocalDate to,
                               Path outDir, PrintStream progressOut, boolean plainLines) {
        if (!List.of("avg", "hr", "pf").contains(kind)) {
            throw new FleetException(FleetError.BAD_INPUT, "--kind must be avg, hr or pf, got '" + kind + "'");
        }
        if (to.isBefore(from)) {
            throw new FleetException(FleetError.BAD_INPUT, "--to " + to + " is before --from " + from);
        }
        try {
            List<String> meters = meter != null ? List.of(meter) : meters(s3, bucket);
            List<S3Object> wanted = new ArrayList<>();
            for (String m : meters) {
                String prefix = "csv/" + m + "/" + kind + "/";
                s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().forEach(o -> {
                    String name = o.key().substring(prefix.length());
                    if (name.endsWith(".csv")) {
                        try {
                            LocalDate d = LocalDate.parse(name.substring(0, name.length() - 4));
                            if (!d.isBefore(from) && !d.isAfter(to)) {
                                wanted.add(o);
                            }
                        } catch (java.time.DateTimeException e) {
                            // not an export file
                        }
                    }
                });
            }
            int downloaded = 0;
            int unchanged = 0;
            long bytes = 0;
            try (ProgressBar bar = new ProgressBar("data pull", wanted.size(), progressOut, plainLines)) {
                for (S3Object o : wanted) {
                    Path target = outDir.resolve(o.key().substring("csv/".length()));
                    if (sameContent(target, o)) {
                        unchanged++;
                    } else {
                        Files.createDirectories(target.getParent());
                        Path tmp = target.resolveSibling(target.getFileName() + ".part");
                        try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(o.key()))) {
                            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                        }
                        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                        downloaded++;
                        bytes += o.size();
                    }
                    bar.step();
                }
            }
            return new Summary(wanted.size(), downloaded, unchanged, bytes);
        } catch (SdkException e) {
            throw new FleetException(FleetError.SERVICE, "S3 bucket " + bucket + ": " + firstLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + outDir, e);
        }
    }

    private static List<String> meters(S3Client s3, String bucket) {
        List<String> out = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix("csv/").delimiter("/")).commonPrefixes().stream()
                .map(CommonPrefix::prefix).forEach(p -> out.add(p.substring(4, p.length() - 1)));
        return out;
    }

    static boolean sameContent(Path file, S3Object o) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) != o.size()) {
            return false;
        }
        String etag = o.eTag() == null ? "" : o.eTag().replace("\"", "");
        if (etag.contains("-")) {
            return true; // multipart ETag is not an MD5: size equality is the check
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)))
                    .equalsIgnoreCase(etag);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(String m) {
        int nl = m == null ? -1 : m.indexOf('\n');
        return nl < 0 ? String.valueOf(m) : m.substring(0, nl);
    }
}
