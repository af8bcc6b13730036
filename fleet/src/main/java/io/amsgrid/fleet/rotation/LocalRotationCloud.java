package io.amsgrid.fleet.rotation;

import io.amsgrid.lambdas.rotation.RotationCloud;
import io.amsgrid.local.mqtt.LocalMqttClient;
import io.amsgrid.local.provisioning.LocalCsrSigner;
import io.amsgrid.local.provisioning.LocalRegistry;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;

import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;

/**
 * {@link RotationCloud} on the local stand-ins: the {@link LocalRegistry} (things, attributes with
 * versions, certificates, attachments), the local CA ({@link LocalCsrSigner}) for
 * CreateCertificateFromCsr, and the local broker for the answer.
 *
 * <p>Differences from AWS, because mosquitto cannot tell more: the local rules engine's
 * {@code principal()} is the certificate's CN, not its certificate id, so {@link #principalAttached}
 * accepts a certificate id or the CN of an ACTIVE certificate attached to the thing. Policies are
 * recorded nowhere (mosquitto does not enforce IoT policies): {@link #attachPolicy} only checks the
 * certificate exists.
 */
public final class LocalRotationCloud implements RotationCloud {
    private static final String ARN_PREFIX = "arn:aws:iot:local:000000000000:cert/";

    private final LocalRegistry registry;
    private final LocalCsrSigner signer;
    private final LocalMqttClient client;

    public LocalRotationCloud(LocalRegistry registry, LocalCsrSigner signer, LocalMqttClient client) {
        this.registry = registry;
        this.signer = signer;
        this.client = client;
    }

    @Override
    public Optional<ThingState> describeThing(String thing) {
        return registry.thing(thing).map(t -> new ThingState(t.attributes(), t.version()));
    }

    @Override
    public boolean setAttribute(String thing, String name, String value, long expectedVersion) {
        return registry.setAttributeIfVersion(thing, name, value, expectedVersion);
    }

    @Override
    public boolean principalAttached(String thing, String principal) {
        LocalRegistry.Contents c = registry.read();
        LocalRegistry.Thing t = c.things().get(thing);
        if (t == null) {
            return false;
        }
        return t.certificateIds().stream().map(id -> c.certificates().get(id))
                .filter(cert -> cert != null && cert.status().equals("ACTIVE"))
                .anyMatch(cert -> cert.certificateId().equals(principal)
                        || principal.equals(commonName(cert.certificatePem())));
    }

    @Override
    public Issued createCertificateFromCsr(String csrPem) {
        LocalCsrSigner.Signed s = signer.sign(csrPem);
        registry.putCertificate(new LocalRegistry.Certificate(s.certificateId(), "ACTIVE", s.certificatePem(),
                s.notBefore().getEpochSecond(), s.notAfter().getEpochSecond(), java.time.Instant.now().getEpochSecond()));
        return new Issued(s.certificateId(), ARN_PREFIX + s.certificateId(), s.certificatePem());
    }

    @Override
    public String certificatePem(String certificateId) {
        return registry.certificate(certificateId).map(LocalRegistry.Certificate::certificatePem)
                .orElseThrow(() -> new IllegalStateException("no certificate " + certificateId));
    }

    @Override
    public void attachPolicy(String policyName, String certificateArn) {
        certificatePem(id(certificateArn));
    }

    @Override
    public void attachThingPrincipal(String thing, String certificateArn) {
        registry.attach(thing, id(certificateArn));
    }

    @Override
    public void publish(String topic, byte[] payload) {
        client.publish(topic, payload);
    }

    private static String id(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    private static String commonName(String pem) {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            X509CertificateHolder cert = (X509CertificateHolder) p.readObject();
            RDN[] cn = cert.getSubject().getRDNs(BCStyle.CN);
            return cn.length == 0 ? "" : IETFUtils.valueToString(cn[0].getFirst().getValue());
        } catch (IOException | ClassCastException e) {
            return "";
        }
    }
}
