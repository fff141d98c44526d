export * from './apply-stage';
export * from './flux-validation';
export * from './flux-kustomization';
export * from './staged-output';
export * from './staged-app';
export * from './output-env';
