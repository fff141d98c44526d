// GitOps public API: the constructs, their props and enums. Internal helpers (validateFluxDuration,
// validateSourcePath, joinSourcePath, resourceKey, APPLY_STAGE_ORDER) stay importable by path.
export { ApplyStage, ApplyStages } from './apply-stage';
export type { ProvidedApiGroup } from './apply-stage';
export { FluxKustomization, FluxSourceKind } from './flux-kustomization';
export type { FluxKustomizationProps, FluxReconcileOptions, FluxSourceOptions } from './flux-kustomization';
export { OutputFormat, StagedOutput } from './staged-output';
export type { FluxLayoutOptions, OutputFile, StagedChartInfo, StagedOutputOptions } from './staged-output';
export { StagedApp } from './staged-app';
export type { StagedAppProps } from './staged-app';
export { stagedAppPropsFromEnv } from './output-env';
