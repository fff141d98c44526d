// The runnable app: picks a flavour from KAFKA_FLAVOR, builds its charts, synthesizes. Nothing else.
// KAFKA_OUTPUT=flux writes a Flux repository layout instead of kubectl-ordered files (lib/gitops).
import { buildFlavour, flavourFromEnv } from './app/flavours';
import { StagedApp, stagedAppPropsFromEnv } from './lib/gitops';

const app = new StagedApp(stagedAppPropsFromEnv(process.env));
buildFlavour(app, flavourFromEnv(process.env));
app.synth();
