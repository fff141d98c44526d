/**
 * Finds inline secret material in synthesized objects: Secrets with data, PEM blocks,
 * and credential-looking env vars or fields given as literal values instead of references.
 */
const SECRET_NAME = /(pass(word)?|secret|token|private[-_.]?key|credential|jaas)/i;

export function inlineSecretFindings(obj: any): string[] {
  const id = `${obj.kind}/${obj.metadata?.name}`;
  const out: string[] = [];
  if (obj.kind === 'Secret' && (obj.data || obj.stringData)) out.push(`${id}: Secret with inline data`);
  const walk = (node: any, path: string): void => {
    if (typeof node === 'string') {
      if (/-----BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE)-----/.test(node)) out.push(`${id}: ${path}: PEM material`);
      return;
    }
    if (Array.isArray(node)) { node.forEach((v, i) => walk(v, `${path}[${i}]`)); return; }
    if (!node || typeof node !== 'object') return;
    // env: [{ name: KAFKA_PASSWORD, value: "..." }] must be valueFrom.
    if (typeof node.name === 'string' && SECRET_NAME.test(node.name) && typeof node.value === 'string' && node.value !== '') {
      out.push(`${id}: ${path}: ${node.name} has a literal value`);
    }
    for (const [k, v] of Object.entries(node)) {
      if (SECRET_NAME.test(k) && typeof v === 'string' && v !== '' && !/(secret|key|name|ref|file|location|type|mechanism)$/i.test(k)) {
        out.push(`${id}: ${path}.${k}: literal credential-looking value`);
      }
      walk(v, `${path}.${k}`);
    }
  };
  walk(obj, '');
  return out;
}
