export { checkConfigModel } from './check';
export type { ConfigModelOptions } from './check';
export { didYouMean, editDistance } from './did-you-mean';
export { DEPRECATED_ALIASES, isFreeForm, REMOVAL_HINTS } from './free-form';
export { keysOf, modelKey, modelVersions, resolveModelVersion, versionsWithKey } from './model';
export type { KafkaConfigKind, ModelKey, ModelValidator } from './model';
export { checkValue } from './values';
