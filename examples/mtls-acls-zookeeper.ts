// KAFKA_APP_ENTRY=examples/mtls-acls-zookeeper.ts npm run synth -- --outdir /tmp/mtls-acls-zookeeper
import { runExample } from './run';

runExample('mtls-acls-zookeeper');
