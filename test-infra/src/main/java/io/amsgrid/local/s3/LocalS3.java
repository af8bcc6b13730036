package io.amsgrid.local.s3;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The S3 stand-in: s3proxy 4.1.0 in this JVM on a free loopback port, either in memory
 * ({@link #startTransient()}) or on disk ({@link #startFilesystem(Path)}: objects are plain files
 * {@code <dir>/<bucket>/<key>}). Use the real AWS SDK v2 {@code S3Client} against {@link #endpoint()}
 * with path-style access and the credentials {@link #accessKey()} / {@link #secretKey()}
 * (signatures are checked: AWS SigV2 or SigV4).
 *
 * <p>Traps handled in the build, not here: s3proxy uses Jackson 3 but drags an old
 * {@code jackson-annotations} (the root pom's Jackson BOM pins it); its logback binding is excluded
 * so the module under test keeps its own SLF4J binding.
 */
public final class LocalS3 implements AutoCloseable {
    public static final String ACCESS_KEY = "local-access";
    public static final String SECRET_KEY = "local-secret";

    private final S3Proxy proxy;
    private final URI endpoint;

    private LocalS3(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    /** An in-memory store: gone when closed. */
    public static LocalS3 startTransient() {
        return start("transient", new Properties());
    }

    /** A store of plain files under {@code dir}, which outlives the server. */
    public static LocalS3 startFilesystem(Path dir) {
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", dir.toAbsolutePath().toString());
        return start("filesystem", properties);
    }

    private static LocalS3 start(String provider, Properties properties) {
        properties.setProperty("jclouds.identity", ACCESS_KEY);
        properties.setProperty("jclouds.credential", SECRET_KEY);
        URI endpoint = URI.create("http://127.0.0.1:" + freeLoopbackPort());
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(BlobStores.create(provider, properties))
                .endpoint(endpoint)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("s3proxy did not start within 10 s (state " + proxy.getState() + ")");
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting s3proxy", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start s3proxy on " + endpoint + ": " + e.getMessage(), e);
        }
        return new LocalS3(proxy, endpoint);
    }

    /** The HTTP endpoint, e.g. {@code http://127.0.0.1:41235}. */
    public URI endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop s3proxy on " + endpoint + ": " + e.getMessage(), e);
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("no free loopback port", e);
        }
    }
}
