/**
 * Internal access to the generated Flux L1 classes (imports/flux-*, from the vendored CRDs in
 * schemas/flux: source v1, helm v2, kustomize v1). Never re-exported: generated types stay out
 * of public signatures.
 */
export * as fluxHelmRelease from '../../imports/flux-helmrelease-helm.toolkit.fluxcd.io';
export * as fluxHelmRepository from '../../imports/flux-helmrepository-source.toolkit.fluxcd.io';
export * as fluxKustomization from '../../imports/flux-kustomization-kustomize.toolkit.fluxcd.io';
export * as fluxOciRepository from '../../imports/flux-ocirepository-source.toolkit.fluxcd.io';
