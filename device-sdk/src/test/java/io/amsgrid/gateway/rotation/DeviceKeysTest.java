package io.amsgrid.gateway.rotation;

import io.amsgrid.local.provisioning.LocalCsrSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceKeysTest {
    @TempDir
    Path dir;

    @Test
    void csrPem_jdkOnly_isValidPkcs10WithSubjectAndKey() throws Exception {
        DeviceKeys k = DeviceKeys.generate();
        var csr = LocalCsrSigner.parseCsr(k.csrPem("gw-0001"));   // checks the signature too
        assertThat(csr.getSubject().toString()).isEqualTo("CN=gw-0001");
        assertThat(csr.getSubjectPublicKeyInfo().getEncoded("DER")).isEqualTo(k.publicKeyDer());
    }

    @Test
    void load_writtenPair_sameKeysAndPrivateMode600() throws Exception {
        DeviceKeys k = DeviceKeys.generate();
        k.writePrivateKey(dir.resolve("next.key"));
        k.writePublicKey(dir.resolve("next.pub"));
        DeviceKeys back = DeviceKeys.load(dir.resolve("next.key"), dir.resolve("next.pub"));
        assertThat(back.publicKeyDer()).isEqualTo(k.publicKeyDer());
        assertThat(back.privateKeyPem()).isEqualTo(k.privateKeyPem());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("next.key"))))
                .isEqualTo("rw-------");
        LocalCsrSigner.parseCsr(back.csrPem("gw-0002"));
    }
}
