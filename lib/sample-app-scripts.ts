// The shell scripts of SampleApp's containers: the client-config init container, the producer loop and the consumer.

/**
 * Writes `$KAFKA_CLIENT_CONFIG` from the listener's security settings. PEM material is inlined
 * (`ssl.truststore.certificates`, `ssl.keystore.key`, …) with `\n` escapes: Kafka accepts an
 * unencrypted PEM key only inline, and one file then carries everything a client needs.
 * The SCRAM password is escaped twice: for the JAAS string, then for the properties format;
 * a value with characters outside printable ASCII (line breaks included: they would add keys)
 * is written as `\uXXXX` escapes (UTF-8 decoded), because Kafka reads properties files as
 * ISO-8859-1; a leading space is escaped (Properties.load drops it); the dot after the user name
 * and password keeps trailing line breaks, which `$(...)` strips.
 */
export const CLIENT_CONFIG_SCRIPT = `set -eu
umask 077
pem() { sed 's/$/\\\\n/' "$1" | tr -d '\\r\\n'; }
esc() {
  if printf '%s' "$1" | LC_ALL=C tr -d ' -~' | od -An | grep -q .; then
    printf '%s' "$1" | od -An -v -tu1 | awk '{ for (i = 1; i <= NF; i++) b[n++] = $i }
      END { for (i = 0; i < n; i += k + 1) { c = b[i]; k = 0; u = c
        if (c >= 240) { u = c - 240; k = 3 } else if (c >= 224) { u = c - 224; k = 2 } else if (c >= 192) { u = c - 192; k = 1 }
        for (j = 1; j <= k; j++) u = u * 64 + b[i + j] - 128
        if (u >= 65536) { u -= 65536; printf "\\\\u%04X\\\\u%04X", 55296 + int(u / 1024), 56320 + u % 1024 } else printf "\\\\u%04X", u } }'
  else
    printf '%s' "$1" | sed 's/\\\\/\\\\\\\\/g; 1s/^ /\\\\ /'
  fi
}
line() { printf '%s=%s\\n' "$1" "$2"; }
{
  line security.protocol "$SECURITY_PROTOCOL"
  if [ -n "\${CA_FILE:-}" ]; then
    line ssl.truststore.type PEM
    line ssl.truststore.certificates "$(pem "$CA_FILE")"
  fi
  if [ -n "\${USER_CERT_FILE:-}" ]; then
    line ssl.keystore.type PEM
    line ssl.keystore.certificate.chain "$(pem "$USER_CERT_FILE")"
    line ssl.keystore.key "$(pem "$USER_KEY_FILE")"
  fi
  if [ -n "\${SASL_MECHANISM:-}" ]; then
    line sasl.mechanism "$SASL_MECHANISM"
    if [ -n "\${SASL_JAAS_CONFIG:-}" ]; then
      line sasl.jaas.config "$(esc "$SASL_JAAS_CONFIG")"
    else
      user=$(printf '%s.' "$SASL_USERNAME" | sed 's/[\\\\"]/\\\\&/g'); user=\${user%.}
      pass=$(printf '%s.' "$SASL_PASSWORD" | sed 's/[\\\\"]/\\\\&/g'); pass=\${pass%.}
      line sasl.jaas.config "$(esc "org.apache.kafka.common.security.scram.ScramLoginModule required username=\\"$user\\" password=\\"$pass\\";")"
    fi
  fi
} > "$KAFKA_CLIENT_CONFIG"
`;

/** Finds a Kafka CLI: /opt/kafka/bin/<tool>.sh (apache/kafka, Strimzi) or <tool> on the PATH (Confluent). */
const FIND_TOOL = `tool() { if [ -x "/opt/kafka/bin/$1.sh" ]; then echo "/opt/kafka/bin/$1.sh"; else echo "$1"; fi; }
trap 'exit 0' TERM INT
`;

/** Waits until the client, with its own credentials, can describe the topic (the topic and SCRAM Jobs ran). */
const WAIT_FOR_TOPIC = `topics=$(tool kafka-topics)
until "$topics" --bootstrap-server "$BOOTSTRAP_SERVERS" --command-config "$KAFKA_CLIENT_CONFIG" --describe --topic "$TOPIC_NAME" >/dev/null 2>&1; do
  echo "waiting for topic $TOPIC_NAME"
  sleep 5
done
`;

/**
 * One JVM producer fed by a numbered message loop; the shell waits so SIGTERM ends the pod promptly.
 * It starts once the topic exists: the console producer drops a message whose topic is still
 * missing after max.block.ms (60 s), so producers started before the topic Job lost their first messages.
 * It retries a send until delivery.timeout.ms (120 s), as the Java producer does by default: the
 * console producer's own default is 3 retries 100 ms apart, which a leader moving during a rolling
 * restart outlasts, so the message was dropped (a gap in the numbering; e2e kafka-upgrade).
 */
export const PRODUCER_SCRIPT = `set -eu
${FIND_TOOL}producer=$(tool kafka-console-producer)
${WAIT_FOR_TOPIC}i=0
while :; do
  i=$((i + 1))
  echo "$POD_NAME message $i"
  sleep "$MESSAGE_INTERVAL_SECONDS"
done | "$producer" --bootstrap-server "$BOOTSTRAP_SERVERS" --topic "$TOPIC_NAME" --producer.config "$KAFKA_CLIENT_CONFIG" --producer-property retries=2147483647 &
wait $!
`;

/**
 * A console consumer in a group, printing every message to the pod log. It starts once it can
 * describe the topic: started before the SCRAM Job, it failed authentication and exited (with 0),
 * a restart at every install.
 */
export const CONSUMER_SCRIPT = `set -eu
${FIND_TOOL}consumer=$(tool kafka-console-consumer)
${WAIT_FOR_TOPIC}"$consumer" --bootstrap-server "$BOOTSTRAP_SERVERS" --topic "$TOPIC_NAME" --group "$CONSUMER_GROUP" --from-beginning --consumer.config "$KAFKA_CLIENT_CONFIG" &
wait $!
`;
