// The runnable app: picks a flavour from KAFKA_FLAVOR, builds its charts, synthesizes. Nothing else.
import { App } from 'cdk8s';
import { buildFlavor, flavorFromEnv } from './app/flavors';

const app = new App();
buildFlavor(app, flavorFromEnv(process.env));
app.synth();
