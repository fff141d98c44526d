// The shared cluster model: resolved once from the props, rendered by both back ends (internal).
export * from './types';
export * from './node-ids';
export * from './quorum';
export * from './flavour-rules';
export * from './resolve-cluster-model';
