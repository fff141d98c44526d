/** Validates one Kubernetes object strictly; returns the errors (empty when valid). */
export function validateObject(obj: unknown): string[];
/** Validates objects; returns the invalid ones with their errors. */
export function validateObjects(objects: readonly unknown[]): { object: string; errors: string[] }[];
/** Parses every non-empty document of a YAML file. */
export function readManifest(file: string): any[];
/** Every "group/version/Kind" the vendored schemas serve. */
export function knownKinds(): string[];
/** @internal The x-kubernetes-validations of a CRD version schema (null when none). */
export function celRulesOf(schema: unknown): unknown;
/** @internal The CEL rule errors of an object, given celRulesOf(its schema). */
export function celErrors(obj: unknown, cel: unknown): string[];
