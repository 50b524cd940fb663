package io.graphraft.network;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keys and certificates for TLS between the members of one cluster, made at run time with
 * BouncyCastle: a self-signed CA, and per member an EC P-256 key with a certificate signed by the CA
 * for 127.0.0.1 and localhost (server and client authentication, so it serves mutual TLS too).
 *
 * <p>Written in the forms engines ask for: PEM (certificates; private keys as unencrypted PKCS#8,
 * which Netty's and gRPC's {@code SslContextBuilder} read) and PKCS#12 key and trust stores protected
 * by {@link #storePassword()} (JSSE {@code KeyManagerFactory}/{@code TrustManagerFactory}; Java's
 * {@code KeyStore.getInstance("JKS")} loads PKCS#12 files too).
 */
public final class TlsMaterial {
    private static final Pattern MEMBER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Duration VALIDITY = Duration.ofDays(30);
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final String PASSWORD_FILE = "store-password";
    private static final String CA_PEM = "ca.crt.pem";
    private static final String TRUST_STORE = "truststore.p12";
    private static final String KEY_STORE_SUFFIX = ".p12";

    /** One member's files. */
    public record MemberFiles(String name, Path privateKeyPem, Path certificatePem, Path certificateChainPem,
                              Path keyStore) {
    }

    private final Path directory;
    private final Path caCertificatePem;
    private final Path trustStore;
    private final String storePassword;
    private final Map<String, MemberFiles> members;

    private TlsMaterial(Path directory, Path caCertificatePem, Path trustStore, String storePassword,
                        Map<String, MemberFiles> members) {
        this.directory = directory;
        this.caCertificatePem = caCertificatePem;
        this.trustStore = trustStore;
        this.storePassword = storePassword;
        this.members = members;
    }

    /**
     * Makes a CA and one key and certificate per member into {@code directory} (created if missing).
     * Refuses to overwrite files already there.
     */
    public static TlsMaterial generate(Path directory, List<String> memberNames) {
        checkNames(memberNames);
        try {
            Files.createDirectories(directory);
            SecureRandom random = new SecureRandom();
            byte[] secret = new byte[12];
            random.nextBytes(secret);
            String password = HexFormat.of().formatHex(secret);
            Instant now = Instant.now();

            KeyPair caKeys = newKeyPair();
            X500Name caName = new X500Name("CN=GraphRaft Lab cluster CA");
            X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(random),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), caName, caKeys.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            ca.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(caKeys.getPublic()));
            X509Certificate caCertificate = sign(ca, caKeys);

            Path passwordFile = create(directory.resolve(PASSWORD_FILE));
            Files.writeString(passwordFile, password, StandardCharsets.US_ASCII);
            Path caPem = create(directory.resolve(CA_PEM));
            writePem(caPem, caCertificate);
            Path trustStore = create(directory.resolve(TRUST_STORE));
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", caCertificate);
            store(trust, trustStore, password);

            Map<String, MemberFiles> members = new LinkedHashMap<>();
            for (String name : memberNames) {
                KeyPair keys = newKeyPair();
                X509v3CertificateBuilder member = new JcaX509v3CertificateBuilder(caCertificate, serial(random),
                        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)),
                        new X500Name("CN=" + name), keys.getPublic());
                member.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                member.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                member.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(new KeyPurposeId[]{KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
                member.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.dNSName, name)}));
                member.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
                member.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(caCertificate));
                X509Certificate certificate = sign(member, caKeys);

                MemberFiles files = memberFiles(directory, name);
                writePem(create(files.privateKeyPem()), new JcaPKCS8Generator(keys.getPrivate(), null));
                writePem(create(files.certificatePem()), certificate);
                writePem(create(files.certificateChainPem()), certificate, caCertificate);
                Path keyStore = create(directory.resolve(name + KEY_STORE_SUFFIX));
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry(name, keys.getPrivate(), password.toCharArray(),
                        new Certificate[]{certificate, caCertificate});
                // the CA as a trusted entry too, for libraries that take trust from the key store (SOFABolt)
                store.setCertificateEntry("ca", caCertificate);
                store(store, keyStore, password);
                members.put(name, memberFiles(directory, name));
            }
            return new TlsMaterial(directory, caPem, trustStore, password, members);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write TLS material into " + directory + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate TLS material: " + e.getMessage(), e);
        }
    }

    /**
     * The material {@link #generate} wrote into {@code directory} earlier (by this process or another),
     * for the members named.
     *
     * @throws IllegalArgumentException naming what is missing if {@code directory} lacks a file
     */
    public static TlsMaterial load(Path directory, List<String> memberNames) {
        checkNames(memberNames);
        Map<String, MemberFiles> members = new LinkedHashMap<>();
        List<Path> needed = new ArrayList<>(List.of(directory.resolve(PASSWORD_FILE), directory.resolve(CA_PEM),
                directory.resolve(TRUST_STORE)));
        for (String name : memberNames) {
            MemberFiles files = memberFiles(directory, name);
            members.put(name, files);
            needed.addAll(List.of(files.privateKeyPem(), files.certificatePem(), files.certificateChainPem(), files.keyStore()));
        }
        for (Path file : needed) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no TLS material in " + directory + ": " + file.getFileName()
                        + " is missing (made for other members, or never made)");
            }
        }
        try {
            String password = Files.readString(directory.resolve(PASSWORD_FILE), StandardCharsets.US_ASCII).trim();
            return new TlsMaterial(directory, directory.resolve(CA_PEM), directory.resolve(TRUST_STORE), password, members);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read TLS material in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@link #generate} has written material into {@code directory}. */
    public static boolean exists(Path directory) {
        return Files.isRegularFile(directory.resolve(PASSWORD_FILE));
    }

    private static MemberFiles memberFiles(Path directory, String name) {
        return new MemberFiles(name, directory.resolve(name + ".key.pem"), directory.resolve(name + ".crt.pem"),
                directory.resolve(name + ".chain.pem"), directory.resolve(name + KEY_STORE_SUFFIX));
    }

    public Path directory() {
        return directory;
    }

    /** The CA certificate every member trusts (PEM). */
    public Path caCertificatePem() {
        return caCertificatePem;
    }

    /** PKCS#12 trust store holding the CA certificate, protected by {@link #storePassword()}. */
    public Path trustStore() {
        return trustStore;
    }

    /** Password of the trust store, of every key store and of the keys in them. */
    public String storePassword() {
        return storePassword;
    }

    public MemberFiles member(String name) {
        MemberFiles files = members.get(name);
        if (files == null) {
            throw new IllegalArgumentException("no TLS material for member '" + name + "' (made for " + members.keySet() + ")");
        }
        return files;
    }

    public List<MemberFiles> members() {
        return new ArrayList<>(members.values());
    }

    private static void checkNames(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException("TLS material needs at least one member name");
        }
        for (String name : names) {
            if (name == null || !MEMBER_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("member name '" + name + "' is not usable in a file name and a"
                        + " certificate (letters, digits, '.', '_', '-'; not starting with a symbol)");
            }
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("member names must be unique, got " + names);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(63, random).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
            throws OperatorCreationException, GeneralSecurityException, CertIOException {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(issuer.getPrivate())));
    }

    /** A new empty file; never overwrites what is there. */
    private static Path create(Path file) throws IOException {
        if (Files.exists(file)) {
            throw new IOException(file + " already exists; TLS material is never overwritten (use an empty directory)");
        }
        return Files.createFile(file);
    }

    private static void writePem(Path file, Object... objects) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(out)) {
            for (Object object : objects) {
                pem.writeObject(object);
            }
        }
    }

    private static void store(KeyStore keyStore, Path file, String password) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            keyStore.store(out, password.toCharArray());
        }
    }
}
