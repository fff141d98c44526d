// KAFKA_APP_ENTRY=examples/single-broker-jbod-zookeeper.ts npm run synth -- --outdir /tmp/single-broker-jbod-zookeeper
import { runExample } from './run';

runExample('single-broker-jbod-zookeeper');
