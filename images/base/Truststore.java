import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * Writes Java's trust store from Debian's CA bundle: {@code java Truststore.java <ca-certificates.crt> <cacerts>}.
 * Debian's JDK links {@code lib/security/cacerts} to a store that ca-certificates-java builds with a
 * full JRE at install time; the base image has no such JRE, so the store is made here, once per
 * build, from the same {@code ca-certificates} package the image carries (PKCS12, Java's default).
 */
public final class Truststore {

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java Truststore.java <pem-bundle> <out-keystore>");
            System.exit(2);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int n = 0;
        try (InputStream in = new FileInputStream(args[0])) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                X509Certificate x = (X509Certificate) c;
                store.setCertificateEntry("debian:" + n++ + ":" + x.getSubjectX500Principal().getName(), x);
            }
        }
        if (n == 0) {
            throw new IllegalStateException("no certificates in " + args[0]);
        }
        try (OutputStream out = new FileOutputStream(args[1])) {
            store.store(out, "changeit".toCharArray()); // Java's documented default password for cacerts
        }
        System.out.println(n + " certificates");
    }
}
