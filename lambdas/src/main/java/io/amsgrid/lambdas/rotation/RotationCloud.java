package io.amsgrid.lambdas.rotation;

import java.util.Map;
import java.util.Optional;

/**
 * The AWS IoT calls certificate rotation needs: one interface with an AWS implementation
 * ({@link AwsRotationCloud}) and a local one (the local CA and registry, in the fleet module).
 */
public interface RotationCloud {
    /** A thing's attributes and version (DescribeThing). */
    record ThingState(Map<String, String> attributes, long version) {
    }

    /** A certificate made from a CSR, already ACTIVE. */
    record Issued(String certificateId, String certificateArn, String certificatePem) {
    }

    /** The thing, if it exists. */
    Optional<ThingState> describeThing(String thing);

    /**
     * Sets one attribute of the thing (merged), if its version is still {@code expectedVersion};
     * false on a version conflict.
     */
    boolean setAttribute(String thing, String name, String value, long expectedVersion);

    /** Whether the connection principal {@code principal} (AWS: a certificate id) is attached to {@code thing}. */
    boolean principalAttached(String thing, String principal);

    /** CreateCertificateFromCsr with setAsActive. */
    Issued createCertificateFromCsr(String csrPem);

    /** The PEM of an existing certificate (DescribeCertificate). */
    String certificatePem(String certificateId);

    /** AttachPolicy of {@code policyName} to the certificate. */
    void attachPolicy(String policyName, String certificateArn);

    /** AttachThingPrincipal. */
    void attachThingPrincipal(String thing, String certificateArn);

    /** Publishes {@code payload} on {@code topic} with QoS 1. */
    void publish(String topic, byte[] payload);
}
