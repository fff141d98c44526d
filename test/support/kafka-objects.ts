// Reading rendered Kafka objects back in tests: server.properties of a raw ConfigMap.
import { findObject } from './validate';

/** The `server.properties` of a ConfigMap as a key → value map (values as written). */
export function serverProperties(objects: any[], configMap: string): Record<string, string> {
  const text: string = findObject(objects, 'ConfigMap', configMap).data['server.properties'];
  return Object.fromEntries(text.split('\n').filter(l => l && !l.startsWith('#')).map(l => {
    const i = l.indexOf('=');
    return [l.slice(0, i), l.slice(i + 1)];
  }));
}
