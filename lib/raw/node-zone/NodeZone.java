// Writes "broker.rack=<zone>" for the node a Kafka pod runs on, from the node's zone label, so that
// one StatefulSet can span zones. Runs in an init container on the Kafka image's own JRE (no extra
// image, no curl): one GET of the pod's Node from the API server, TLS verified against the service
// account's CA, with a token that may only read nodes (the construct's ClusterRole).
//
// Env: NODE_NAME (downward API spec.nodeName), ZONE_LABEL (e.g. topology.kubernetes.io/zone),
// OUTPUT (file to write), KUBERNETES_SERVICE_HOST / KUBERNETES_SERVICE_PORT (set by the kubelet),
// SERVICE_ACCOUNT_DIR (token and ca.crt; default the standard mount), ATTEMPTS (default 6).
// Exit 1 with a message on stderr when the node has no such label or the API cannot be read.
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

public final class NodeZone {
    private static final String SA = System.getenv().getOrDefault("SERVICE_ACCOUNT_DIR", "/var/run/secrets/kubernetes.io/serviceaccount");
    private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

    public static void main(String[] args) throws Exception {
        String node = env("NODE_NAME");
        String label = env("ZONE_LABEL");
        Path output = Path.of(env("OUTPUT"));
        String host = System.getenv().getOrDefault("KUBERNETES_SERVICE_HOST", "kubernetes.default.svc");
        String port = System.getenv().getOrDefault("KUBERNETES_SERVICE_PORT", "443");
        String authority = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        String token = Files.readString(Path.of(SA, "token")).trim();

        HttpClient client = HttpClient.newBuilder().sslContext(trusting(Path.of(SA, "ca.crt"))).connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://" + authority + "/api/v1/nodes/" + node))
            .header("Authorization", "Bearer " + token).header("Accept", "application/json").timeout(Duration.ofSeconds(20)).GET().build();
        // The API server may be briefly unreachable while the node starts: retry with a growing pause (30 s in all by default).
        int attempts = Integer.parseInt(System.getenv().getOrDefault("ATTEMPTS", "6"));
        HttpResponse<String> response = null;
        for (int attempt = 1; ; attempt++) {
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 || attempt >= attempts) break;
            } catch (java.io.IOException e) {
                if (attempt >= attempts) fail("cannot read node " + node + " from the API server at " + authority + ": " + e);
            }
            Thread.sleep(2000L * attempt);
        }
        if (response.statusCode() != 200) {
            fail("reading node " + node + " returned HTTP " + response.statusCode() + " (the pod's service account needs get on nodes): " + response.body());
        }
        String zone = labelOf(response.body(), label);
        if (zone == null) fail("node " + node + " has no label " + label + ": label the nodes with their zone, or drop rack awareness");
        if (!LABEL_VALUE.matcher(zone).matches()) fail("node " + node + " has label " + label + "=" + zone + ", which is not a label value");
        Files.writeString(output, "broker.rack=" + zone + "\n", StandardCharsets.UTF_8);
        System.out.println("node " + node + " is in zone " + zone + " (" + label + ")");
    }

    /** The value of one label of a Node in its JSON, read from metadata.labels (keys and values are plain JSON strings). */
    static String labelOf(String json, String label) {
        int metadata = json.indexOf("\"metadata\"");
        int labels = metadata < 0 ? -1 : json.indexOf("\"labels\"", metadata);
        if (labels < 0) return null;
        int open = json.indexOf('{', labels);
        int close = json.indexOf('}', open);
        if (open < 0 || close < 0) return null;
        Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json.substring(open + 1, close));
        while (m.find()) {
            if (unescape(m.group(1)).equals(label)) return unescape(m.group(2));
        }
        return null;
    }

    private static String unescape(String s) {
        return s.replace("\\/", "/").replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private static SSLContext trusting(Path caFile) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        int i = 0;
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(Files.readAllBytes(caFile)))) {
            trust.setCertificateEntry("ca-" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isEmpty()) fail("environment variable " + name + " is not set");
        return v;
    }

    private static void fail(String message) {
        System.err.println("node-zone: " + message);
        System.exit(1);
    }
}
