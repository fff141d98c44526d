import * as fs from 'fs';
import * as path from 'path';
import { App, AppProps } from 'cdk8s';
import { FluxLayoutOptions, OutputFile, OutputFormat, StagedOutput } from './staged-output';

/** Props of {@link StagedApp}. */
export interface StagedAppProps extends AppProps {
  /**
   * Layout of the output directory.
   * @default OutputFormat.PLAIN
   */
  readonly format?: OutputFormat;
  /**
   * Flux settings (used with {@link OutputFormat.FLUX}).
   * @default defaults of {@link FluxLayoutOptions}
   */
  readonly flux?: FluxLayoutOptions;
}

/**
 * A cdk8s `App` whose `synth()` writes charts grouped by apply stage (see {@link ApplyStages}):
 * kubectl-ordered files, or a Flux repository layout. Use it instead of `App` in your own
 * cdk8s project; `cdk8s synth` and its validation plugins work unchanged.
 */
export class StagedApp extends App {
  /** Output layout. */
  public readonly format: OutputFormat;
  private readonly flux?: FluxLayoutOptions;
  private readonly recordMetadata: boolean;

  constructor(props: StagedAppProps = {}) {
    super(props);
    this.format = props.format ?? OutputFormat.PLAIN;
    this.flux = props.flux;
    this.recordMetadata = props.recordConstructMetadata ?? process.env.CDK8S_RECORD_CONSTRUCT_METADATA === 'true';
  }

  /** The files `synth()` writes, relative to `outdir`. */
  public render(): OutputFile[] {
    return StagedOutput.render(this, { format: this.format, flux: this.flux });
  }

  /** Writes the staged layout into `outdir`. */
  public override synth(): void {
    const files = this.render();
    fs.mkdirSync(this.outdir, { recursive: true });
    for (const file of files) {
      const target = path.join(this.outdir, file.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, file.content);
    }
    if (this.recordMetadata) {
      // Read by cdk8s-cli so validation reports name construct paths.
      fs.writeFileSync(path.join(this.outdir, 'construct-metadata.json'), StagedOutput.constructMetadata(this));
    }
  }
}
