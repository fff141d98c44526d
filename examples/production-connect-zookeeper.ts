// KAFKA_APP_ENTRY=examples/production-connect-zookeeper.ts npm run synth -- --outdir /tmp/production-connect-zookeeper
import { runExample } from './run';

runExample('production-connect-zookeeper');
