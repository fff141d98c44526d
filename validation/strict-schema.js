'use strict';
/**
 * Strict schema validation of synthesized Kubernetes objects against the vendored schemas:
 * Kubernetes 1.27 OpenAPI definitions, Strimzi CRDs (1.2.0 → v1, 0.45.2 → v1beta2), Flux CRDs,
 * cert-manager 1.21.1 (Certificate, Issuer, ClusterIssuer) and prometheus-operator 0.93.0 (PodMonitor,
 * ServiceMonitor, PrometheusRule) CRDs.
 *
 * "Strict" means every object schema that lists `properties` is closed
 * (`additionalProperties: false`) unless it preserves unknown fields, so a misspelled field
 * fails, as `kubectl apply --validate=strict` would fail it.
 *
 * CRD `x-kubernetes-validations` rules (CEL, which the API server enforces) are evaluated too,
 * with @marcbachmann/cel-js, on objects that passed the structural check (see celErrors).
 *
 * Shared by the jest tests and the cdk8s validation plugin (validation/index.js), so the
 * checks a user gets at `cdk8s synth` are the ones CI runs.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
// ajv and yaml are required on first use: with a warm cache neither is needed to validate.
const lazy = name => { let m; return () => (m = m || require(name)); };
const Ajv = lazy('ajv');
const standaloneCode = (...args) => require('ajv/dist/standalone').default(...args);
const YAML = lazy('yaml');
// CEL is loaded only when an object of a kind with x-kubernetes-validations is validated. The
// package is ESM-only: node >= 20.19 require()s it natively; jest transpiles it (jest.config.js).
const CEL = lazy('@marcbachmann/cel-js');

const SCHEMAS = path.resolve(__dirname, '..', 'schemas');
const CACHE_DIR = path.resolve(__dirname, '..', 'node_modules', '.cache', 'cdk8s-kafka-schemas');
const K8S_DEFINITIONS = path.join(SCHEMAS, 'k8s', 'v1.27', '_definitions.json');
// Any change to this file (e.g. how schemas are closed) invalidates cached validators.
const SELF_HASH = crypto.createHash('sha256').update(fs.readFileSync(__filename)).update(require('ajv/package.json').version).digest('hex');
const CRD_DIRS = [
  path.join(SCHEMAS, 'strimzi', '1.2.0'),
  path.join(SCHEMAS, 'strimzi', '0.45.2'),
  path.join(SCHEMAS, 'flux', 'source-controller-v1.9.1'),
  path.join(SCHEMAS, 'flux', 'helm-controller-v1.6.3'),
  path.join(SCHEMAS, 'flux', 'kustomize-controller-v1.9.4'),
  path.join(SCHEMAS, 'cert-manager', 'v1.21.1'),
  path.join(SCHEMAS, 'prometheus-operator', 'v0.93.0'),
];

/** Recursively closes object schemas and rewrites CRD extensions into plain JSON Schema. */
function close(schema, branch = false) {
  if (Array.isArray(schema)) return schema.map(s => close(s));
  if (!schema || typeof schema !== 'object') return schema;
  const out = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'description' || k === 'x-kubernetes-group-version-kind') continue;
    out[k] = (k === 'properties' || k === 'definitions' || k === 'patternProperties')
      ? Object.fromEntries(Object.entries(v).map(([pk, pv]) => [pk, close(pv)]))
      // oneOf/anyOf/allOf branches only add constraints (e.g. "certificate XOR pattern") to the
      // enclosing object, whose own properties close it: closing a branch would reject valid objects.
      : (k === 'oneOf' || k === 'anyOf' || k === 'allOf') && Array.isArray(v) ? v.map(b => close(b, true))
        : close(v);
  }
  if (branch) return out;
  if (out['x-kubernetes-int-or-string']) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (out.properties && out.additionalProperties === undefined && !out['x-kubernetes-preserve-unknown-fields']) {
    out.additionalProperties = false;
  }
  return out;
}

let ajv;
let gvkToDef; // "group/version/Kind" -> Kubernetes definition name
let k8sRaw; // raw Kubernetes definitions
let k8sHash; // content hash of the definitions file
const crdVersions = {}; // "group/version/Kind" -> { schema, source }
const loadedFiles = new Set();
let crdIndex; // "group/Kind" -> CRD files serving it, in CRD_DIRS order
let allCrdsLoaded = false;
const validators = new Map();

/** Parses the Kubernetes definitions index (cheap); closing and compiling them waits for a cache miss. */
function k8sIndex() {
  if (gvkToDef) return;
  const text = fs.readFileSync(K8S_DEFINITIONS, 'utf8');
  k8sHash = sha(text);
  k8sRaw = JSON.parse(text).definitions;
  gvkToDef = {};
  for (const [name, def] of Object.entries(k8sRaw)) {
    for (const gvk of def['x-kubernetes-group-version-kind'] || []) {
      gvkToDef[`${gvk.group}/${gvk.version}/${gvk.kind}`] = name;
    }
  }
}

function init() {
  if (ajv) return;
  k8sIndex();
  // code.source keeps the generated code so compiled validators can be cached (see cachedValidator).
  ajv = new (Ajv())({ strict: false, allErrors: true, validateFormats: false, code: { source: true } });
  const k8sDefs = {};
  for (const [name, def] of Object.entries(k8sRaw)) k8sDefs[name] = close(def);
  ajv.addSchema({ $id: 'k8s', definitions: k8sDefs });
}

function sha(text) {
  return crypto.createHash('sha256').update(text).digest('hex').slice(0, 32);
}

const fileHashes = new Map();
function fileHash(file) {
  if (!fileHashes.has(file)) fileHashes.set(file, sha(fs.readFileSync(file, 'utf8')));
  return fileHashes.get(file);
}

/**
 * Compiling the big CRD schemas is the slow part of validation (the Strimzi Kafka CRD takes
 * ~0.5 s in ajv). The generated validator code is cached (ajv standalone) under a key made of
 * the hashes of this file, the ajv version and the schema files it was compiled from, so a
 * cached validator is exactly the one a fresh compile would produce. Any cache problem falls
 * back to compiling. A CRD validator's file also carries the CRD's CEL rules (`fn.cel`, plain
 * data extracted by this file, so the key needs no CEL library version: rules are evaluated by
 * the installed library at validation time).
 */
function cachedValidator(parts, compile, cacheable = () => true) {
  const file = path.join(CACHE_DIR, `validator-${sha([SELF_HASH, ...parts].join('|'))}.js`);
  if (fs.existsSync(file)) {
    try {
      return require(file);
    } catch {
      // unreadable cache entry: compile below
    }
  }
  const fn = compile();
  if (fn && cacheable()) {
    try {
      // The CEL rules of the CRD travel with its validator (a warm cache never parses the CRD).
      const code = standaloneCode(ajv, fn) + (fn.cel ? `\nmodule.exports.cel = ${JSON.stringify(fn.cel)};\n` : '');
      fs.mkdirSync(CACHE_DIR, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, code);
      fs.renameSync(tmp, file); // atomic: parallel jest workers never load a partial file
    } catch {
      // read-only install or code generation not possible: no cache
    }
  }
  return fn;
}

/**
 * Cheap index of the CRD files by group and kind (a regex over the text, no YAML parsing), so
 * that only the CRDs of kinds actually validated are parsed (the Strimzi Kafka CRD alone takes
 * ~0.3 s to parse). A miss falls back to loading every file, so the index can only save time,
 * never hide a schema.
 */
function index() {
  if (crdIndex) return crdIndex;
  crdIndex = new Map();
  for (const dir of CRD_DIRS) {
    for (const file of fs.readdirSync(dir).filter(f => /\.ya?ml$/.test(f)).sort()) {
      const full = path.join(dir, file);
      const text = fs.readFileSync(full, 'utf8');
      const group = /^ {2}group: *['"]?([^'"\s]+)/m.exec(text);
      const kind = /^ {4}kind: *['"]?([^'"\s]+)/m.exec(text);
      const key = group && kind ? `${group[1]}/${kind[1]}` : '?';
      if (!crdIndex.has(key)) crdIndex.set(key, []);
      crdIndex.get(key).push(full);
    }
  }
  return crdIndex;
}

function loadCrdFile(file) {
  if (loadedFiles.has(file)) return;
  loadedFiles.add(file);
  for (const crd of parseCached(file)) {
    if (!crd || crd.kind !== 'CustomResourceDefinition') continue;
    for (const v of crd.spec.versions) {
      if (!v.served) continue;
      const schema = close(v.schema.openAPIV3Schema);
      // metadata is validated against the real ObjectMeta, not the CRD's bare `type: object`.
      schema.properties = { ...schema.properties, metadata: { $ref: 'k8s#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' } };
      schema.required = Array.from(new Set([...(schema.required || []), 'apiVersion', 'kind', 'metadata']));
      const key = `${crd.spec.group}/${v.name}/${crd.spec.names.kind}`;
      // Two Strimzi releases may serve the same group/version (v1beta2 in 0.45 only, v1 in 1.2):
      // the first directory wins, which lists 1.2.0 before 0.45.2. Files are always loaded in
      // CRD_DIRS order (per group/kind, or all of them), so lazy loading keeps that precedence.
      if (!crdVersions[key]) crdVersions[key] = { schema, source: path.relative(SCHEMAS, file), cel: celRulesOf(v.schema.openAPIV3Schema) };
    }
  }
}

function loadCrdsFor(group, kind) {
  for (const file of index().get(`${group}/${kind}`) || []) loadCrdFile(file);
}

function loadAllCrds() {
  if (allCrdsLoaded) return;
  allCrdsLoaded = true;
  const files = [];
  for (const dir of CRD_DIRS) {
    for (const file of fs.readdirSync(dir).filter(f => /\.ya?ml$/.test(f)).sort()) files.push(path.join(dir, file));
  }
  // Per group/kind in directory order first (the precedence of the lazy path), then the rest.
  for (const list of index().values()) for (const f of list) loadCrdFile(f);
  for (const f of files) loadCrdFile(f);
}

/**
 * Parses a vendored YAML file, caching the result as JSON keyed by the content hash
 * (node_modules/.cache/cdk8s-kafka-schemas): JSON.parse is ~100x faster than YAML parsing.
 * The cache is an optimisation only; any problem with it falls back to parsing.
 */
function parseCached(file) {
  const text = fs.readFileSync(file, 'utf8');
  const hash = crypto.createHash('sha256').update(text).digest('hex').slice(0, 32);
  const cached = path.join(CACHE_DIR, `${hash}.json`);
  try {
    return JSON.parse(fs.readFileSync(cached, 'utf8'));
  } catch {
    // not cached yet (or unreadable): parse below
  }
  const docs = YAML().parseAllDocuments(text).map(d => d.toJSON());
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(docs));
    fs.renameSync(tmp, cached); // atomic: concurrent jest workers never read a partial file
  } catch {
    // read-only install: no cache
  }
  return docs;
}

/** Known "group/version/Kind" keys (for error messages and tests). */
function knownKinds() {
  init();
  k8sIndex();
  loadAllCrds();
  return [...Object.keys(gvkToDef), ...Object.keys(crdVersions)].sort();
}

function validatorFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const key = `${group}/${version}/${kind}`;
  if (validators.has(key)) return validators.get(key);
  k8sIndex();
  let fn = null;
  if (gvkToDef[key]) {
    fn = cachedValidator([key, k8sHash], () => {
      init();
      return ajv.compile({ $ref: `k8s#/definitions/${gvkToDef[key]}` });
    });
  } else {
    const files = index().get(`${group}/${kind}`) || [];
    const compile = () => {
      init();
      if (!crdVersions[key]) loadCrdsFor(group, kind);
      if (!crdVersions[key]) loadAllCrds();
      if (!crdVersions[key]) return null;
      const compiled = ajv.compile(crdVersions[key].schema);
      if (crdVersions[key].cel) compiled.cel = crdVersions[key].cel;
      return compiled;
    };
    // Only cache what the indexed files served (a schema found by the full-load fallback is not keyed by them).
    const cacheable = () => files.some(f => path.relative(SCHEMAS, f) === crdVersions[key].source);
    fn = files.length ? cachedValidator([key, k8sHash, ...files.map(fileHash)], compile, cacheable) : compile();
  }
  validators.set(key, fn);
  return fn;
}

// ---------------------------------------------------------------------------------------------
// CEL validation rules (x-kubernetes-validations), as the API server evaluates them on create.
// ---------------------------------------------------------------------------------------------

/**
 * Collects the x-kubernetes-validations of a raw CRD version schema, once per CRD version:
 * `{ rules: [{ path, rules: [{ rule, message, messageExpression }] }], shape }` or null when
 * the CRD has none. `path` is the schema path of the rule's node ('*' = any array item or map
 * value); `shape` is the schema pruned to what evaluation needs (see shapeOf).
 */
function celRulesOf(schema) {
  const rules = [];
  const walk = (node, at) => {
    if (!node || typeof node !== 'object') return;
    const list = node['x-kubernetes-validations'];
    if (Array.isArray(list) && list.length) {
      rules.push({ path: at, rules: list.map(r => ({ rule: r.rule, message: r.message, messageExpression: r.messageExpression })) });
    }
    for (const [k, v] of Object.entries(node.properties || {})) walk(v, [...at, k]);
    if (node.items && typeof node.items === 'object' && !Array.isArray(node.items)) walk(node.items, [...at, '*']);
    if (node.additionalProperties && typeof node.additionalProperties === 'object') walk(node.additionalProperties, [...at, '*']);
  };
  walk(schema, []);
  return rules.length ? { rules, shape: shapeOf(schema) || {} } : null;
}

/**
 * The schema facts CEL evaluation needs, pruned to the nodes that differ from the plain case
 * (an object with properties, integers as CEL ints): `d` default value (the API server defaults
 * before it evaluates rules), `n` a `number` (CEL double), `m` a map (additionalProperties: keys
 * are not property names, so not escaped), `p` properties, `i` array items. undefined = plain.
 */
function shapeOf(node) {
  if (!node || typeof node !== 'object') return undefined;
  const out = {};
  if (node.default !== undefined) out.d = node.default;
  if (node.type === 'number') out.n = 1;
  if (node.additionalProperties && !node.properties) {
    out.m = (typeof node.additionalProperties === 'object' && shapeOf(node.additionalProperties)) || 0;
  }
  const props = {};
  for (const [k, v] of Object.entries(node.properties || {})) {
    const s = shapeOf(v);
    if (s) props[k] = s;
  }
  if (Object.keys(props).length) out.p = props;
  if (node.items && typeof node.items === 'object' && !Array.isArray(node.items)) {
    const s = shapeOf(node.items);
    if (s) out.i = s;
  }
  return Object.keys(out).length ? out : undefined;
}

const CEL_RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return']);

/** A property name as CEL sees it (Kubernetes escaping), or null when it is not accessible. */
function celName(k) {
  if (!/^[a-zA-Z_.\-/][a-zA-Z0-9_.\-/]*$/.test(k)) return null;
  if (CEL_RESERVED.has(k)) return `__${k}__`;
  return k.replace(/__/g, '__underscores__').replace(/\./g, '__dot__').replace(/-/g, '__dash__').replace(/\//g, '__slash__');
}

/**
 * The CEL value of a JSON value: integers become CEL ints (BigInt) unless the schema says
 * `number`; null fields are absent; absent fields with a schema default get the default.
 * `root` limits metadata to name and generateName (all a root rule may see).
 */
function toCel(v, sh, root = false) {
  if (Array.isArray(v)) return v.map(x => toCel(x, sh && sh.i));
  if (v && typeof v === 'object') {
    const out = {};
    const isMap = sh && 'm' in sh;
    for (const [k, x] of Object.entries(v)) {
      if (x === null || x === undefined) continue;
      if (isMap) {
        out[k] = toCel(x, sh.m || undefined);
        continue;
      }
      const name = celName(k);
      if (name === null) continue;
      out[name] = root && k === 'metadata' && x && typeof x === 'object'
        ? toCel(Object.fromEntries(['name', 'generateName'].filter(f => x[f] !== undefined).map(f => [f, x[f]])))
        : toCel(x, sh && sh.p && sh.p[k]);
    }
    if (!isMap && sh && sh.p) {
      for (const [k, ps] of Object.entries(sh.p)) {
        const name = celName(k);
        if (name !== null && out[name] === undefined && ps.d !== undefined) out[name] = toCel(ps.d, ps);
      }
    }
    return out;
  }
  if (typeof v === 'number' && Number.isInteger(v) && !(sh && sh.n)) return BigInt(v);
  return v;
}

/** Escapes a key for a JSON pointer, as ajv's instancePath does. */
const pointerKey = k => String(k).replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The instances a rule node applies to: [pointer, value, shape] for each present value at
 * `path` ('*' = every array item / map value). An absent node runs no rule, unless a schema
 * default makes it present.
 */
function instancesAt(obj, path, shape) {
  let level = [['', obj, shape]];
  for (const step of path) {
    const next = [];
    for (const [at, v, sh] of level) {
      if (v === null || typeof v !== 'object') continue;
      if (step === '*') {
        const child = sh && (Array.isArray(v) ? sh.i : (sh.m || undefined));
        for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) next.push([`${at}/${pointerKey(k)}`, x, child]);
      } else {
        const child = sh && sh.p && sh.p[step];
        const x = v[step] !== undefined && v[step] !== null ? v[step] : child && child.d;
        if (x !== undefined && x !== null) next.push([`${at}/${pointerKey(step)}`, x, child]);
      }
    }
    level = next;
  }
  return level;
}

let celEnv;
const celPrograms = new Map(); // expression -> { run } | { error }

/** Parses an expression once per process; a parse error is kept and reported, never thrown. */
function celProgram(expr) {
  let p = celPrograms.get(expr);
  if (!p) {
    try {
      if (!celEnv) celEnv = new (CEL().Environment)({ enableOptionalTypes: true }).registerVariable('self', 'dyn');
      p = { run: celEnv.parse(expr) };
    } catch (e) {
      p = { error: e };
    }
    celPrograms.set(expr, p);
  }
  return p;
}

/** Evaluates an expression: its value, or an Error (parse or evaluation error, e.g. no such key). */
function celEval(expr, self) {
  const p = celProgram(expr);
  if (p.error) return p.error;
  try {
    return p.run({ self });
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

/** The message of a failed rule: messageExpression when it yields a non-empty string, else message. */
function celMessage(r, self) {
  if (typeof r.messageExpression === 'string') {
    const m = celEval(r.messageExpression, self);
    if (typeof m === 'string' && m.trim() && !/[\r\n]/.test(m)) return m.trim();
  }
  return r.message || `failed rule: ${r.rule}`;
}

/**
 * Evaluates the CRD's CEL rules on an object that passed the structural check (the API server
 * skips them when the object's types are wrong; running them on a structurally broken object
 * would mostly repeat its errors as "no such key"). Errors read
 * `<pointer> <message> (rule: <rule>)`; a rule that fails to evaluate (e.g. a missing field it
 * reads) is an error too: `<pointer> <evaluation error> evaluating rule (rule: <rule>)`.
 * Transition rules (oldSelf) only run on updates and are skipped.
 */
function celErrors(obj, cel) {
  const errors = [];
  for (const node of cel.rules) {
    for (const [at, value, shape] of instancesAt(obj, node.path, cel.shape)) {
      let self;
      for (const r of node.rules) {
        if (typeof r.rule !== 'string' || /\boldSelf\b/.test(r.rule)) continue;
        if (self === undefined) self = toCel(value, shape, node.path.length === 0);
        const result = celEval(r.rule, self);
        const where = at || '/';
        if (result instanceof Error) {
          errors.push(`${where} ${String(result.message).split('\n')[0]} evaluating rule (rule: ${r.rule})`);
        } else if (typeof result !== 'boolean') {
          errors.push(`${where} rule evaluated to ${typeof result}, not bool (rule: ${r.rule})`);
        } else if (!result) {
          errors.push(`${where} ${celMessage(r, self)} (rule: ${r.rule})`);
        }
      }
    }
  }
  return errors;
}

/** Checks the API server applies itself beyond the OpenAPI schema (names, label values). */
function semanticErrors(obj) {
  const errors = [];
  const md = obj.metadata || {};
  if (typeof md.name !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(md.name) || md.name.length > 253) {
    errors.push(`/metadata/name ${JSON.stringify(md.name)} is not a DNS-1123 subdomain`);
  }
  for (const [k, v] of Object.entries(md.labels || {})) {
    if (typeof v !== 'string' || v.length > 63 || !/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(v)) {
      errors.push(`/metadata/labels/${k} value ${JSON.stringify(v)} is not a valid label value`);
    }
  }
  for (const [k, v] of Object.entries(md.annotations || {})) {
    if (typeof v !== 'string') errors.push(`/metadata/annotations/${k} must be a string`);
  }
  return errors;
}

/**
 * Validates one object. Returns a list of human-readable errors (empty when valid).
 * @param {object} obj a Kubernetes object (apiVersion, kind, metadata, …)
 */
function validateObject(obj) {
  if (!obj || typeof obj !== 'object') return ['not an object'];
  if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') return ['missing apiVersion or kind'];
  const fn = validatorFor(obj.apiVersion, obj.kind);
  if (!fn) {
    return [`unknown kind ${obj.kind} in ${obj.apiVersion}: no vendored schema serves it (Kubernetes 1.27, Strimzi 1.2.0/0.45.2, Flux)`];
  }
  const errors = [];
  if (!fn(obj)) {
    for (const e of fn.errors) {
      const extra = e.keyword === 'additionalProperties' ? ` "${e.params.additionalProperty}"` : '';
      errors.push(`${e.instancePath || '/'} ${e.message}${extra}`);
    }
  } else if (fn.cel) {
    errors.push(...celErrors(obj, fn.cel));
  }
  return [...new Set(errors), ...semanticErrors(obj)];
}

/** Validates many objects; returns [{ object: "Kind/namespace/name", errors: [...] }] for the invalid ones. */
function validateObjects(objects) {
  const out = [];
  for (const obj of objects) {
    const errors = validateObject(obj);
    if (errors.length) {
      const md = (obj && obj.metadata) || {};
      out.push({ object: `${obj && obj.kind}/${md.namespace ? md.namespace + '/' : ''}${md.name}`, errors });
    }
  }
  return out;
}

/** Parses every document of a YAML file (skipping empty ones). */
function readManifest(file) {
  return YAML().parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJSON()).filter(Boolean);
}

module.exports = {
  validateObject, validateObjects, readManifest, knownKinds,
  // Internal, for tests of CEL semantics on schemas the vendored CRDs do not contain.
  celRulesOf, celErrors,
};
