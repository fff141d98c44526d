// KAFKA_APP_ENTRY=examples/flux-ephemeral-kraft.ts npm run synth -- --outdir /tmp/flux-ephemeral-kraft
import { runExample } from './run';

runExample('flux-ephemeral-kraft');
