package io.vellum.network.node;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made for a test: a certificate authority, and certificates it signs for 127.0.0.1 (server) or for a
 * client, written as PEM files (keys in PKCS#8), valid for a day. EC P-256 keys, SHA256withECDSA.
 */
public final class TestCertificates {
    /** A certificate and its key, as PEM files. */
    public record Issued(Path certificate, Path privateKey, X509Certificate x509, KeyPair keys) {
    }

    private final SecureRandom random;
    private final Issued authority;
    private final Path dir;
    private long serial = 1;

    private TestCertificates(Path dir, long seed) throws IOException, GeneralSecurityException {
        this.dir = Files.createDirectories(dir);
        this.random = SecureRandom.getInstance("SHA1PRNG");
        this.random.setSeed(seed);
        KeyPair keys = keyPair();
        X500Name name = new X500Name("CN=Vellum test CA");
        X509v3CertificateBuilder builder = builder(name, name, keys);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        this.authority = write("ca", sign(builder, keys), keys);
    }

    /** A new certificate authority in {@code dir}. */
    public static TestCertificates authority(Path dir, long seed) throws IOException, GeneralSecurityException {
        return new TestCertificates(dir, seed);
    }

    public Issued authority() {
        return authority;
    }

    /** A server certificate for 127.0.0.1 and localhost. */
    public Issued server(String name) throws IOException, GeneralSecurityException {
        KeyPair keys = keyPair();
        X509v3CertificateBuilder builder = builder(new X500Name("CN=Vellum test CA"), new X500Name("CN=" + name),
                keys);
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName,
                        "localhost")}));
        return write(name, sign(builder, authority.keys()), keys);
    }

    /** A client certificate. */
    public Issued client(String name) throws IOException, GeneralSecurityException {
        KeyPair keys = keyPair();
        X509v3CertificateBuilder builder = builder(new X500Name("CN=Vellum test CA"), new X500Name("CN=" + name),
                keys);
        return write(name, sign(builder, authority.keys()), keys);
    }

    private KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial++),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
            throws GeneralSecurityException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private Issued write(String name, X509Certificate certificate, KeyPair keys) throws IOException {
        Path certificateFile = dir.resolve(name + ".crt");
        Path keyFile = dir.resolve(name + ".key");
        try (Writer out = Files.newBufferedWriter(certificateFile, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(certificate);
        }
        try (Writer out = Files.newBufferedWriter(keyFile, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null).generate());
        }
        return new Issued(certificateFile, keyFile, certificate, keys);
    }
}
