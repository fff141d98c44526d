'use strict';
/**
 * cdk8s validation plugin (cdk8s.yaml `validations:`, loaded from this folder without npm; the
 * npm package ships it: users enable it with `package: ./node_modules/cdk8s-kafka/validation`):
 * runs the strict schema checks of strict-schema.js (incl. the CRDs' CEL rules) over every synthesized manifest, so a
 * misspelled field or an unknown kind fails `cdk8s synth` with the construct path, instead of
 * failing later at `kubectl apply` or in Flux.
 *
 * Also checks the Flux layout's kustomization.yaml files: every listed resource exists and
 * every manifest of the folder is listed (kustomize-controller applies only what is listed),
 * and that no two objects share API group, kind, namespace and name (rule unique-objects:
 * applied together, the last one silently replaces the other).
 *
 * Properties (cdk8s.yaml `properties:`):
 * - keepConstructMetadata (default false): cdk8s-cli leaves `construct-metadata.json` in the
 *   output folder for validation reports; `kubectl apply -f dist/` would try to apply it,
 *   so the plugin removes it once the report has read it.
 */
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');

const RULE_SCHEMA = 'strict-schema';
const RULE_KUSTOMIZATION = 'kustomization-resources';
const RULE_UNIQUE = 'unique-objects';
// Built-in cluster-scoped kinds: the API server ignores a namespace on them (cdk8s sets the chart's).
const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'PriorityClass', 'RuntimeClass', 'IngressClass', 'APIService', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'FlowSchema', 'PriorityLevelConfiguration', 'CertificateSigningRequest',
]);
// Kinds whose duplicates a construct prop resolves: the fix names it.
const DUPLICATE_FIX = {
  KafkaNodePool: 'KafkaNodePool names are unique per namespace: set nodePoolNames on all but one of the StrimziClusters in the namespace.',
};
const METADATA_FILE = 'construct-metadata.json';

class StrictSchemaValidation {
  constructor(properties = {}) {
    this.keepConstructMetadata = properties.keepConstructMetadata === true;
  }

  async validate(context) {
    const started = process.hrtime.bigint();
    // Required lazily so that loading the plugin costs nothing when validation is skipped.
    const { validateObject } = require('./strict-schema');
    const schemaViolations = [];
    const kustomizationViolations = [];
    // identity (API group, kind, namespace, name) -> where it occurs
    const identities = new Map();
    let objects = 0;
    for (const manifest of [...context.manifests].sort()) {
      const docs = YAML.parseAllDocuments(fs.readFileSync(manifest, 'utf8'));
      docs.forEach((doc, index) => {
        const obj = doc.toJSON();
        if (obj === null || obj === undefined) return;
        if (doc.errors && doc.errors.length) {
          schemaViolations.push(resource(context, obj, manifest, doc.errors.map(e => `YAML: ${e.message}`)));
          return;
        }
        if (isKustomizeFile(obj)) {
          const problems = checkKustomization(manifest, obj);
          if (problems.length) kustomizationViolations.push({ resourceName: path.basename(manifest), manifestPath: manifest, locations: problems });
          return;
        }
        objects++;
        const id = identityOf(obj);
        if (!identities.has(id)) identities.set(id, []);
        identities.get(id).push({ obj, manifest, index });
        const errors = validateObject(obj);
        if (errors.length) schemaViolations.push(resource(context, obj, manifest, errors));
      });
    }

    if (schemaViolations.length) {
      context.report.addViolation({
        ruleName: RULE_SCHEMA,
        recommendation: 'Every object must validate strictly against the vendored schemas (Kubernetes 1.27, Strimzi 1.2.0 v1 / 0.45.2 v1beta2, Flux, cert-manager 1.21.1, prometheus-operator 0.93.0): '
          + 'the API server, Strimzi or Flux would reject or silently drop what failed here.',
        fix: 'Correct the field named in each location in the construct shown (misspelled or unknown fields, missing required fields, '
          + 'wrong types, an apiVersion no schema serves such as policy/v1beta1, a CRD validation rule: "(rule: …)" names the CEL rule the API server would enforce).',
        violatingResources: schemaViolations,
      });
    }
    if (kustomizationViolations.length) {
      context.report.addViolation({
        ruleName: RULE_KUSTOMIZATION,
        recommendation: 'A kustomization.yaml must list exactly the manifests of its folder: Flux applies only listed files.',
        fix: 'Regenerate the layout with StagedApp/StagedOutput instead of editing kustomization.yaml by hand.',
        violatingResources: kustomizationViolations,
      });
    }
    const uniqueViolations = duplicates(context, identities);
    if (uniqueViolations.length) {
      const kinds = [...new Set(uniqueViolations.map(v => v.kind))];
      context.report.addViolation({
        ruleName: RULE_UNIQUE,
        recommendation: 'Every object must have its own API group, kind, namespace and name: objects that share them are one object '
          + 'for the API server, and the one applied last silently replaces the others.',
        fix: kinds.map(k => DUPLICATE_FIX[k]).filter(Boolean).concat('Otherwise rename all but one of them, or put them in other namespaces.').join(' '),
        violatingResources: uniqueViolations.map(({ kind, ...v }) => v),
      });
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const failed = schemaViolations.length || kustomizationViolations.length || uniqueViolations.length;
    context.report.submit(failed ? 'failure' : 'success', {
      Objects: String(objects),
      'Time (ms)': ms.toFixed(0),
    });
    if (!this.keepConstructMetadata) removeConstructMetadata(context.manifests);
  }
}

function resource(context, obj, manifestPath, locations) {
  const md = (obj && obj.metadata) || {};
  const qualified = `${obj && obj.kind}/${md.namespace ? md.namespace + '/' : ''}${md.name}`;
  // StagedApp records metadata under Kind/namespace/name (unique); plain cdk8s Apps only under the name.
  const resourceName = context.metadata && context.metadata[qualified] ? qualified : String(md.name);
  return {
    resourceName,
    manifestPath,
    locations,
  };
}

function groupOf(apiVersion) {
  return typeof apiVersion === 'string' && apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

function identityOf(obj) {
  const md = obj.metadata || {};
  return JSON.stringify([groupOf(obj.apiVersion), obj.kind, CLUSTER_SCOPED.has(obj.kind) ? '' : md.namespace || '', md.name]);
}

/**
 * One violating resource per occurrence of a duplicated identity. The construct path of each
 * comes from the metadata: `Kind/namespace/name`, then `#2`, `#3`… for the repeats (as
 * StagedOutput.constructMetadata records them), else the object name (plain cdk8s Apps).
 */
function duplicates(context, identities) {
  const metadata = context.metadata || {};
  const out = [];
  for (const occurrences of identities.values()) {
    if (occurrences.length < 2) continue;
    const { obj } = occurrences[0];
    const md = obj.metadata || {};
    const qualified = `${obj.kind}/${md.namespace ? md.namespace + '/' : ''}${md.name}`;
    const keys = occurrences.map((_, i) => [i ? `${qualified}#${i + 1}` : qualified, qualified, String(md.name)].find(k => metadata[k]));
    const paths = [...new Set(keys.filter(Boolean).map(k => metadata[k].path))];
    const where = occurrences.map(o => `${o.manifest} (document ${o.index + 1})`);
    const group = groupOf(obj.apiVersion);
    occurrences.forEach((o, i) => out.push({
      kind: obj.kind,
      resourceName: keys[i] || qualified,
      manifestPath: o.manifest,
      locations: [
        `${obj.kind} "${md.name}" (API group "${group}"${md.namespace && !CLUSTER_SCOPED.has(obj.kind) ? `, namespace "${md.namespace}"` : ''}) is defined ${occurrences.length} times: `
        + `${paths.length ? `construct paths ${paths.join(', ')}; ` : ''}manifests ${where.join(', ')}`,
      ],
    }));
  }
  return out;
}

function isKustomizeFile(obj) {
  return typeof obj.apiVersion === 'string' && obj.apiVersion.startsWith('kustomize.config.k8s.io/');
}

function checkKustomization(file, obj) {
  const dir = path.dirname(file);
  const problems = [];
  const listed = new Set();
  for (const r of obj.resources || []) {
    listed.add(path.normalize(r));
    if (!fs.existsSync(path.join(dir, r))) problems.push(`resources: ${r} does not exist in ${dir}`);
  }
  for (const f of fs.readdirSync(dir).filter(n => /\.ya?ml$/.test(n) && !/^kustomization\.ya?ml$/.test(n))) {
    if (!listed.has(f)) problems.push(`${f} is in the folder but not listed in resources`);
  }
  return problems;
}

function removeConstructMetadata(manifests) {
  const dirs = new Set();
  for (const m of manifests) {
    const d = path.dirname(m);
    dirs.add(d);
    dirs.add(path.dirname(d));
  }
  for (const d of dirs) {
    const f = path.join(d, METADATA_FILE);
    if (fs.existsSync(f)) fs.rmSync(f);
  }
}

module.exports = { StrictSchemaValidation };
