// KAFKA_APP_ENTRY=examples/single-broker-jbod-kraft.ts npm run synth -- --outdir /tmp/single-broker-jbod-kraft
import { runExample } from './run';

runExample('single-broker-jbod-kraft');
