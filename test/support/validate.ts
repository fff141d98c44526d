import { App, Chart } from 'cdk8s';
import { validateObjects } from '../../validation/strict-schema';

/** Every object of every chart of `app`, in chart order. */
export function appObjects(app: App): any[] {
  return app.charts.flatMap(c => c.toJson());
}

/** Every object of a chart. */
export function chartObjects(chart: Chart): any[] {
  return chart.toJson();
}

/**
 * Asserts that every object validates strictly against the vendored schemas
 * (Kubernetes 1.27, Strimzi, Flux) and returns the objects for further assertions.
 */
export function expectAllValid(objects: any[]): any[] {
  expect(objects.length).toBeGreaterThan(0);
  expect(validateObjects(objects)).toEqual([]);
  return objects;
}

/** Finds objects by kind (and name). */
export function findObjects(objects: any[], kind: string, name?: string): any[] {
  return objects.filter(o => o.kind === kind && (name === undefined || o.metadata?.name === name));
}

/** Finds exactly one object by kind and name. */
export function findObject(objects: any[], kind: string, name: string): any {
  const found = findObjects(objects, kind, name);
  if (found.length !== 1) {
    throw new Error(`expected one ${kind}/${name}, found ${found.length}; have: ${objects.map(o => `${o.kind}/${o.metadata?.name}`).join(', ')}`);
  }
  return found[0];
}
