// The inputs of `npm run strimzi-check`: every Strimzi flavour and every example, in both output layouts, rendered
// by the same StagedApp that `npm run synth` and examples/run.ts use. Bundled by run.js with esbuild (no type-check).
import * as path from 'path';
import { FLAVOURS } from '../../app/flavours';
import { EXAMPLES } from '../../examples';
import { OutputFormat, StagedApp, StrimziVersion } from '../../lib';

/** One synthesized app: its output folder and the Strimzi release whose operator must accept it. */
export interface CheckCase {
  readonly name: string;
  readonly release: string;
  readonly apiVersion: string;
  readonly dir: string;
}

/** Strimzi flavours of app/flavours.ts and the release each targets (app/strimzi.ts, app/strimzi-zookeeper.ts). */
const STRIMZI_FLAVOURS: { readonly [flavour: string]: StrimziVersion } = {
  'strimzi': StrimziVersion.V1_2_0,
  'strimzi-zookeeper': StrimziVersion.V0_45_2,
};

/** Synthesizes every case into `root/<case>` and returns them. */
export function renderCases(root: string): CheckCase[] {
  const cases: CheckCase[] = [];
  const formats = [OutputFormat.PLAIN, OutputFormat.FLUX];
  const add = (name: string, version: StrimziVersion, format: OutputFormat, build: (app: StagedApp) => unknown) => {
    const dir = path.join(root, name.replace(/[^a-z0-9.-]+/g, '_'), format);
    const app = new StagedApp({ format, outdir: dir });
    build(app);
    app.synth();
    cases.push({ name: `${name}/${format}`, release: version.version, apiVersion: version.apiVersion.split('/')[1], dir });
  };
  for (const [flavour, version] of Object.entries(STRIMZI_FLAVOURS)) {
    if (!FLAVOURS[flavour]) throw new Error(`strimzi-check: flavour ${flavour} no longer exists in app/flavours.ts`);
    for (const format of formats) add(`flavour-${flavour}`, version, format, app => FLAVOURS[flavour](app));
  }
  for (const example of EXAMPLES) {
    for (const format of formats) add(`example-${example.name}`, example.version, format, app => example.build(app));
  }
  return cases;
}
