// KAFKA_APP_ENTRY=examples/mtls-acls-kraft.ts npm run synth -- --outdir /tmp/mtls-acls-kraft
import { runExample } from './run';

runExample('mtls-acls-kraft');
