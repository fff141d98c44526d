// Where a workload kind keeps its pod template, as a JSON pointer ('' = the object itself, a Pod).
import { IConstruct } from 'constructs';
import { fail } from '../kafka/errors';

const TEMPLATE_PATHS: { [kind: string]: string } = {
  Deployment: '/spec/template',
  StatefulSet: '/spec/template',
  DaemonSet: '/spec/template',
  ReplicaSet: '/spec/template',
  Job: '/spec/template',
  CronJob: '/spec/jobTemplate/spec/template',
  Pod: '',
};

/** The pod template pointer of a workload kind; refuses kinds without pods. */
export function podTemplatePath(scope: IConstruct, kind: string, path: string): string {
  const at = TEMPLATE_PATHS[kind];
  if (at === undefined) {
    fail(scope, 'bind', path, `a workload with pods (${Object.keys(TEMPLATE_PATHS).join(', ')}); this one is a ${kind}`, 'bind the Deployment, StatefulSet, Job or Pod that runs the client');
  }
  return at;
}

/** The pod template inside a workload's JSON (`{}` where it is missing). */
export function withinPodTemplate(json: any, pointer: string): any {
  let at = json;
  for (const key of pointer.split('/').slice(1)) at = at?.[key];
  return at ?? {};
}
