// KAFKA_APP_ENTRY=examples/flux-ephemeral-zookeeper.ts npm run synth -- --outdir /tmp/flux-ephemeral-zookeeper
import { runExample } from './run';

runExample('flux-ephemeral-zookeeper');
