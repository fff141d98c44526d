import { fail } from '../kafka/errors';
import { FluxSourceKind } from './flux-kustomization';
import { OutputFormat } from './staged-output';
import { StagedAppProps } from './staged-app';

/**
 * Reads the output settings of a runnable app from environment variables:
 * - `KAFKA_OUTPUT`: `plain` (default) or `flux`;
 * - `KAFKA_FLUX_PATH`: path of the output folder inside the Flux Git repository (default `./dist`);
 * - `KAFKA_FLUX_SOURCE`: `Kind/name` of the Flux source (default `GitRepository/flux-system`).
 */
export function stagedAppPropsFromEnv(env: { readonly [key: string]: string | undefined }): StagedAppProps {
  const formats = Object.values(OutputFormat) as string[];
  const output = env.KAFKA_OUTPUT?.trim() || OutputFormat.PLAIN;
  if (!formats.includes(output)) {
    fail('environment', 'KAFKA_OUTPUT', output, formats.join(', '), `set KAFKA_OUTPUT=flux for a Flux repository layout, or unset it for ${OutputFormat.PLAIN} kubectl output`);
  }
  if (output !== OutputFormat.FLUX) return { format: OutputFormat.PLAIN };
  let source: { sourceKind?: FluxSourceKind; sourceName?: string } = {};
  const rawSource = env.KAFKA_FLUX_SOURCE?.trim();
  if (rawSource) {
    const kinds = Object.values(FluxSourceKind) as string[];
    const [kind, name, extra] = rawSource.split('/');
    if (!kinds.includes(kind) || !name || extra !== undefined) {
      fail('environment', 'KAFKA_FLUX_SOURCE', rawSource, `"<Kind>/<name>" with Kind one of ${kinds.join(', ')}`,
        'e.g. KAFKA_FLUX_SOURCE=GitRepository/flux-system');
    }
    source = { sourceKind: kind as FluxSourceKind, sourceName: name };
  }
  return {
    format: OutputFormat.FLUX,
    flux: { ...source, ...(env.KAFKA_FLUX_PATH?.trim() ? { path: env.KAFKA_FLUX_PATH.trim() } : {}) },
  };
}
