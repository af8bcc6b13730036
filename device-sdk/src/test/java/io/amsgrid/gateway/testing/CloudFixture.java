package io.amsgrid.gateway.testing;

import io.amsgrid.codec.payload.Payload;
import io.amsgrid.codec.payload.PayloadCodec;
import io.amsgrid.local.mqtt.LocalBroker;
import io.amsgrid.local.mqtt.LocalCa;
import io.amsgrid.local.mqtt.LocalMqttClient;
import io.amsgrid.local.shadow.ShadowService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The cloud side for gateway ITs: mosquitto with mutual TLS, the shadow service, and a subscriber
 * on {@code avg/+ hr/+ pf/+ raw/+} with a persistent session (nothing missed across outages).
 */
public final class CloudFixture implements AutoCloseable {
    public final Path dir;
    public final LocalBroker broker;
    public final ShadowService shadows;
    public final LocalMqttClient cloud;

    /** A message the cloud received, decoded where it is a payload. */
    public record Received(String topic, byte[] bytes, Payload payload) {
    }

    public CloudFixture(Path dir) {
        this.dir = dir;
        this.broker = LocalBroker.start(dir.resolve("broker"));
        this.shadows = ShadowService.start(broker);
        this.cloud = LocalMqttClient.connect(broker, broker.ca().issueClient("cloud"), "cloud-" + System.nanoTime(), true);
        for (String f : List.of("avg/+", "hr/+", "pf/+", "raw/+")) {
            cloud.subscribe(f);
        }
    }

    /** Writes a gateway config for {@code thing} (certificate issued now) with extra settings. */
    public Path gatewayConfig(String thing, Map<String, String> extra) {
        LocalCa.Issued cert = broker.ca().issueClient(thing);
        Properties p = new Properties();
        p.setProperty("thing", thing);
        p.setProperty("endpoint", broker.host());
        p.setProperty("port", Integer.toString(broker.port()));
        p.setProperty("certificate", cert.certificate().toString());
        p.setProperty("privateKey", cert.privateKey().toString());
        p.setProperty("caCertificate", broker.ca().caCertificate().toString());
        p.setProperty("dataDir", dir.resolve("data-" + thing).toString());
        p.setProperty("reconnect.minMs", "100");
        p.setProperty("reconnect.maxMs", "500");
        p.setProperty("status.intervalSeconds", "2");
        p.putAll(extra);
        Path file = dir.resolve(thing + ".properties");
        try (Writer w = Files.newBufferedWriter(file)) {
            p.store(w, "gateway IT");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Collects whatever arrives until nothing came for {@code quiet}. */
    public List<Received> receiveUntilQuiet(Duration quiet) throws InterruptedException {
        List<Received> out = new ArrayList<>();
        for (LocalMqttClient.Message m = cloud.inbox().poll(quiet.toMillis(), TimeUnit.MILLISECONDS); m != null;
             m = cloud.inbox().poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) {
            out.add(decode(m));
        }
        return out;
    }

    private static Received decode(LocalMqttClient.Message m) {
        Payload p = m.topic().startsWith("raw/") ? null : PayloadCodec.decode(m.payload());
        return new Received(m.topic(), m.payload(), p);
    }

    @Override
    public void close() {
        cloud.close();
        shadows.close();
        broker.close();
    }
}
