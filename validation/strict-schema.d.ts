/** Validates one Kubernetes object strictly; returns the errors (empty when valid). */
export function validateObject(obj: unknown): string[];
/** Validates objects; returns the invalid ones with their errors. */
export function validateObjects(objects: readonly unknown[]): { object: string; errors: string[] }[];
/** Parses every non-empty document of a YAML file. */
export function readManifest(file: string): any[];
/** Every "group/version/Kind" the vendored schemas serve. */
export function knownKinds(): string[];
