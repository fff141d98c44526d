// The e2e binding client: a Kafka client that knows nothing about the cluster but what the Service
// Binding directory and its env give it ($SERVICE_BINDING_ROOT/<name>/ with type "kafka"). It
// produces MESSAGES records with acks=all to the binding's first topic, then reads the topic back
// with the binding's consumer group, and prints one summary line the e2e scenario parses:
//   binding-client: produced=N acknowledged=A consumed=C lost=L
// Exit 0 only when every record was acknowledged and read back.
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

public final class BindingClient {
    public static void main(String[] args) throws Exception {
        Path binding = findBinding(Paths.get(System.getenv().getOrDefault("SERVICE_BINDING_ROOT", "/bindings")));
        System.out.println("binding-client: binding " + binding);
        Properties common = clientProperties(binding);
        String topic = entry(binding, "topics").split(",")[0];
        String group = entry(binding, "consumer-group");
        int messages = Integer.parseInt(System.getenv().getOrDefault("MESSAGES", "500"));

        // The topic and the user may not exist yet (their Jobs run beside this one): wait for both.
        long deadline = System.currentTimeMillis() + 300_000;
        while (true) {
            try (Admin admin = Admin.create(common)) {
                admin.describeTopics(List.of(topic)).allTopicNames().get();
                break;
            } catch (Exception e) {
                if (System.currentTimeMillis() > deadline) throw e;
                System.out.println("binding-client: waiting for topic " + topic + ": " + e.getMessage());
                Thread.sleep(3000);
            }
        }

        Properties p = new Properties();
        p.putAll(common);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        Set<String> acked = new HashSet<>();
        int failed = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (int i = 0; i < messages; i++) sends.add(producer.send(new ProducerRecord<>(topic, "binding " + i)));
            for (int i = 0; i < messages; i++) {
                try {
                    sends.get(i).get();
                    acked.add("binding " + i);
                } catch (Exception e) {
                    failed++;
                    System.out.println("binding-client: send " + i + " failed: " + e.getMessage());
                }
            }
        }

        Properties c = new Properties();
        c.putAll(common);
        c.put("group.id", group);
        c.put("auto.offset.reset", "earliest");
        c.put("key.deserializer", StringDeserializer.class.getName());
        c.put("value.deserializer", StringDeserializer.class.getName());
        Set<String> consumed = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
            consumer.subscribe(List.of(topic));
            long until = System.currentTimeMillis() + 120_000;
            while (!consumed.containsAll(acked) && System.currentTimeMillis() < until) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(1))) consumed.add(r.value());
            }
            consumer.commitSync();
        }
        Set<String> lost = new HashSet<>(acked);
        lost.removeAll(consumed);
        System.out.println("binding-client: produced=" + messages + " acknowledged=" + acked.size() + " consumed=" + consumed.size()
            + " lost=" + lost.size() + " failed=" + failed);
        System.exit(failed == 0 && acked.size() == messages && lost.isEmpty() ? 0 : 1);
    }

    /** The one binding directory of type kafka under the root. */
    static Path findBinding(Path root) throws Exception {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                if (d.getFileName().toString().startsWith(".")) continue;
                Path type = d.resolve("type");
                if (Files.isRegularFile(type) && read(type).equals("kafka")) found.add(d);
            }
        }
        if (found.size() != 1) throw new IllegalStateException("expected one kafka binding under " + root + ", found " + found);
        return found.get(0);
    }

    /** Client properties from the binding entries only. */
    static Properties clientProperties(Path b) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", entry(b, "bootstrap-servers"));
        String protocol = entry(b, "securityProtocol");
        p.put("security.protocol", protocol);
        if (Files.exists(b.resolve("saslMechanism"))) {
            p.put("sasl.mechanism", entry(b, "saslMechanism"));
            p.put("sasl.jaas.config", Files.exists(b.resolve("sasl.jaas.config")) ? entry(b, "sasl.jaas.config")
                : "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + jaas(entry(b, "user"))
                    + "\" password=\"" + jaas(entry(b, "password")) + "\";");
        }
        if (Files.exists(b.resolve("ca.crt"))) {
            p.put("ssl.truststore.type", "PEM");
            p.put("ssl.truststore.location", b.resolve("ca.crt").toString());
        }
        if (Files.exists(b.resolve("user.crt"))) {
            p.put("ssl.keystore.type", "PEM");
            p.put("ssl.keystore.certificate.chain", read(b.resolve("user.crt")));
            p.put("ssl.keystore.key", read(b.resolve("user.key")));
        }
        return p;
    }

    /** A JAAS quoted-string body: backslash and double quote escaped. */
    static String jaas(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    static String entry(Path b, String name) throws Exception {
        return read(b.resolve(name));
    }

    /** A binding file; trailing line breaks dropped, as a Secret written by hand often has one. */
    static String read(Path f) throws Exception {
        return new String(Files.readAllBytes(f), StandardCharsets.UTF_8).replaceAll("[\r\n]+$", "");
    }
}
