// KAFKA_APP_ENTRY=examples/production-connect-kraft.ts npm run synth -- --outdir /tmp/production-connect-kraft
import { runExample } from './run';

runExample('production-connect-kraft');
