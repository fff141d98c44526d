/**
 * Every ```ts block of README.md and of the docs/ pages (docs/api excluded: generated) outside the
 * sections `library` and `sample-app` (those are compiled against the packed package by
 * test/package.test.ts) type-checks against the current public API, runs, and every object it
 * synthesizes validates strictly: a renamed prop or a stale example fails here, naming the file,
 * the section, the block number and the line. Section names are unique across the files.
 *
 * How a block becomes code (one TypeScript file per block, all checked by one program):
 * - `from 'cdk8s-kafka'` resolves to lib/index.ts. A block imports what it uses (as a user
 *   copying it must); its imports are hoisted to the top of its file.
 * - The rest of the block becomes the body of a function. Names it uses without declaring:
 *   - `app` and `chart`: always the harness's: a cdk8s `App` and a `Chart` in namespace `kafka`;
 *   - any other name that an earlier block of the same section declares at its top level (the
 *     README's narrative, e.g. the `kafka` cluster of the first Strimzi block): the last such
 *     block runs first, in a chart of its own, and provides it (once, however many blocks need it);
 *   - otherwise a harness fixture from FIXTURES below (`version`, `exampleBase`).
 * - Each block runs in a folder of its own; every App it reaches (the harness's, or one it built)
 *   is synthesized, unless the block calls `.synth()` itself. All YAML written is validated with
 *   validation/strict-schema.js, and no two objects may share group, kind, namespace and name.
 *
 * Blocks that are deliberately not code (pseudo-code, fragments of a type) are fenced
 * ```ts nocheck — GitHub still highlights them as TypeScript (it reads only the first word of
 * the info string) — and skipped here. Keep them rare: make an example real instead.
 *
 * Generated files live in .build/readme-snippets-<pid>/ (gitignored) and are removed afterwards
 * (README_SNIPPETS_KEEP=1 keeps them).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { buildSync } from 'esbuild';
import * as ts from 'typescript';
import { readManifest, validateObjects } from '../validation/strict-schema';

const ROOT = path.resolve(__dirname, '..');
/** The documentation a user reads: README.md and docs/*.md (relative paths). */
const DOC_FILES = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter(f => f.endsWith('.md')).sort().map(f => `docs/${f}`)];
/** Sections whose blocks test/package.test.ts checks against the packed package. */
const CHECKED_ELSEWHERE = new Set(['library', 'sample-app']);
/** Names that always come from the harness, never from an earlier block. */
const HARNESS_ALWAYS = new Set(['app', 'chart']);
/** Harness fixtures for names no earlier block of the section declares. */
const FIXTURES: Record<string, string> = {
  // The Strimzi version the examples section's walk-through is called with.
  version: '__kafka.StrimziVersion.V1_2_0',
  // examples/builders/common.ts: operator chart, then cluster and apps charts.
  exampleBase: '__exampleBase',
};

interface Block {
  /** The Markdown file, relative to the repo (README.md, docs/raw.md...). */
  readonly file: string;
  readonly section: string;
  /** 1-based among the section's ```ts blocks (nocheck ones included). */
  readonly index: number;
  /** Line of the block's first code line in its file (1-based). */
  readonly line: number;
  readonly code: string;
  readonly nocheck: boolean;
}

const label = (b: Block) => `${b.file} section "${b.section}" block ${b.index}`;
const key = (b: Block) => `${b.section}-${b.index}`;

/** The ```ts blocks of a Markdown text, by section. */
function readmeBlocks(text: string, file: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  let section: string | undefined;
  const counts = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    const open = /^<!-- section:([\w-]+) -->/.exec(lines[i]);
    if (open) section = open[1];
    if (/^<!-- \/section:/.test(lines[i])) section = undefined;
    const fence = /^```(ts|typescript)(?:\s+(.*))?$/.exec(lines[i]);
    if (!fence) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
    if (section === undefined) throw new Error(`${file} line ${i + 1}: a \`\`\`ts block outside any <!-- section:NAME --> block`);
    const index = (counts.get(section) ?? 0) + 1;
    counts.set(section, index);
    const info = (fence[2] ?? '').split(/\s+/);
    blocks.push({ file, section, index, line: start + 1, code: lines.slice(start, end).join('\n') + '\n', nocheck: info.includes('nocheck') });
    i = end;
  }
  return blocks;
}

interface ImportName { readonly module: string; readonly name: string; readonly alias: string; readonly typeOnly: boolean; readonly line: number }

interface Analysis {
  /** Named imports (other import forms keep their statement text). */
  readonly imports: ImportName[];
  readonly otherImports: { text: string; line: number }[];
  /** The code with its import statements blanked (line numbers unchanged). */
  readonly body: string;
  /** Names declared at the block's top level. */
  readonly topLevel: string[];
  /** Names used but declared nowhere in the block nor imported. */
  readonly free: Set<string>;
}

function analyse(b: Block): Analysis {
  const sf = ts.createSourceFile(`${key(b)}.ts`, b.code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const lineOf = (pos: number) => b.line + sf.getLineAndCharacterOfPosition(pos).line;
  const imports: ImportName[] = [];
  const otherImports: { text: string; line: number }[] = [];
  let body = b.code;
  const topLevel: string[] = [];
  const declared = new Set<string>();
  const bindingNames = (n: ts.BindingName): string[] => ts.isIdentifier(n) ? [n.text]
    : n.elements.flatMap(e => ts.isOmittedExpression(e) ? [] : bindingNames(e.name));
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st)) {
      const module = (st.moduleSpecifier as ts.StringLiteral).text;
      const clause = st.importClause;
      const start = st.getStart(sf);
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings : undefined;
      if (clause && named && !clause.name) {
        for (const el of named.elements) {
          imports.push({ module, name: (el.propertyName ?? el.name).text, alias: el.name.text, typeOnly: clause.isTypeOnly || el.isTypeOnly, line: lineOf(el.getStart(sf)) });
          declared.add(el.name.text);
        }
      } else {
        otherImports.push({ text: st.getText(sf), line: lineOf(start) });
        if (clause?.name) declared.add(clause.name.text);
        if (clause?.namedBindings) {
          if (ts.isNamespaceImport(clause.namedBindings)) declared.add(clause.namedBindings.name.text);
          else clause.namedBindings.elements.forEach(el => declared.add(el.name.text));
        }
      }
      body = body.slice(0, start) + body.slice(start, st.end).replace(/[^\n]/g, ' ') + body.slice(st.end);
    } else if (ts.isVariableStatement(st)) {
      st.declarationList.declarations.forEach(d => topLevel.push(...bindingNames(d.name)));
    } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) && st.name) {
      topLevel.push(st.name.text);
    }
  }
  const used = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n)) return;
    if (ts.isIdentifier(n)) {
      const p = n.parent;
      const declName = (ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p) || ts.isFunctionDeclaration(p)
        || ts.isFunctionExpression(p) || ts.isClassDeclaration(p) || ts.isEnumDeclaration(p)) && p.name === n;
      // `x.name`, `{ name: … }`, `{ name: x } = …`, `A.B` in a type: not a use of a variable `name`.
      const memberName = ((ts.isPropertyAccessExpression(p) || ts.isPropertyAssignment(p) || ts.isPropertySignature(p)
        || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isEnumMember(p)) && p.name === n)
        || (ts.isBindingElement(p) && p.propertyName === n) || (ts.isQualifiedName(p) && p.right === n);
      if (declName) declared.add(n.text);
      else if (!memberName) used.add(n.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  const free = new Set([...used].filter(n => !declared.has(n) && !topLevel.includes(n)));
  return { imports, otherImports, body, topLevel, free };
}

/** A generated file and, per line, the README block line it comes from. */
class Emitter {
  readonly lines: string[] = [];
  readonly origin: ({ block: Block; line: number } | undefined)[] = [];
  emit(text: string, from?: { block: Block; line: number }): void {
    text.replace(/\n$/, '').split('\n').forEach((l, i) => {
      this.lines.push(l);
      this.origin.push(from && { block: from.block, line: from.line + i });
    });
  }
}

interface Generated { readonly block: Block; readonly file: string; readonly emitter: Emitter; readonly synthsItself: boolean }

/** The TypeScript file of one block (with the earlier blocks that provide its names). */
function generate(block: Block, all: Block[], analyses: Map<Block, Analysis>, dir: string): Generated {
  const section = all.filter(b => b.section === block.section && !b.nocheck);
  // Resolve free names: earlier block of the section (transitively), else a fixture.
  const provided = new Map<Block, Set<string>>();   // provider block -> names it exports
  const resolve = (b: Block): Map<string, string> => {  // free name -> expression bound to it
    const bound = new Map<string, string>();
    for (const name of analyses.get(b)!.free) {
      if (HARNESS_ALWAYS.has(name)) continue;
      const provider = section.filter(p => p.index < b.index && analyses.get(p)!.topLevel.includes(name)).pop();
      if (provider) {
        if (!provided.has(provider)) provided.set(provider, new Set());
        provided.get(provider)!.add(name);
        bound.set(name, `__${provider.index}_${name}`);
      } else if (FIXTURES[name]) {
        bound.set(name, FIXTURES[name]);
      }
    }
    return bound;
  };
  const bindings = new Map<Block, Map<string, string>>([[block, resolve(block)]]);
  for (let changed = true; changed;) {
    changed = false;
    for (const p of provided.keys()) {
      if (!bindings.has(p)) { bindings.set(p, resolve(p)); changed = true; }
    }
  }
  const providers = [...provided.keys()].sort((a, b) => a.index - b.index);

  const e = new Emitter();
  // Imports: one line per name (deduplicated across the blocks that run), then the other forms.
  const seen = new Set<string>();
  for (const b of [...providers, block]) {
    const a = analyses.get(b)!;
    for (const i of a.imports) {
      const k = `${i.module}\0${i.name}\0${i.alias}`;
      if (seen.has(k)) continue;
      seen.add(k);
      e.emit(`import ${i.typeOnly ? 'type ' : ''}{ ${i.name === i.alias ? i.name : `${i.name} as ${i.alias}`} } from '${i.module}';`, { block: b, line: i.line });
    }
    for (const o of a.otherImports) {
      if (seen.has(o.text)) continue;
      seen.add(o.text);
      e.emit(o.text, { block: b, line: o.line });
    }
  }
  const rel = path.relative(dir, path.join(ROOT, 'examples', 'builders', 'common')).split(path.sep).join('/');
  e.emit([
    "import * as __cdk8s from 'cdk8s';",
    "import * as __kafka from 'cdk8s-kafka';",
    `import { exampleBase as __exampleBase } from '${rel}';`,
    'void __kafka; void __exampleBase;',
    'function __provide<T>(where: string, f: () => T): T {',
    '  try { return f(); } catch (e) { throw new Error(`${where} (run first, it declares names this block uses): ${e instanceof Error ? e.message : String(e)}`); }',
    '}',
    'export function run(): unknown[] {',
    "  const __app = new __cdk8s.App({ outdir: 'dist-harness' });",
  ].join('\n'));
  const prologue = (b: Block, chartId: string) => {
    const a = analyses.get(b)!;
    if (a.free.has('app')) e.emit('const app = __app;');
    if (a.free.has('chart')) e.emit(`const chart = new __cdk8s.Chart(__app, '${chartId}', { namespace: 'kafka' });`);
    for (const [name, expr] of bindings.get(b)!) e.emit(`const ${name} = ${expr};`);
  };
  const exported: string[] = [];
  for (const p of providers) {
    const names = [...provided.get(p)!];
    const vars = names.map(n => `__${p.index}_${n}`);
    exported.push(...vars);
    e.emit(`const [${vars.join(', ')}] = __provide(${JSON.stringify(label(p))}, () => {`);
    prologue(p, `${key(p)}`);
    e.emit(analyses.get(p)!.body, { block: p, line: p.line });
    e.emit(`return [${names.join(', ')}] as const;`);
    e.emit('});');
  }
  prologue(block, 'readme');
  e.emit(analyses.get(block)!.body, { block, line: block.line });
  e.emit(`return [__app, ${[...exported, ...analyses.get(block)!.topLevel].join(', ')}];`);
  e.emit('}');
  const file = path.join(dir, `${key(block)}.ts`);
  fs.writeFileSync(file, e.lines.join('\n') + '\n');
  return { block, file, emitter: e, synthsItself: /\.synth\(\)/.test(block.code) };
}

/** Runs every block in a folder of its own, synthesizing the Apps it reaches; writes results.json. */
function runnerSource(generated: Generated[]): string {
  return [
    "import * as fs from 'fs';",
    "import * as path from 'path';",
    "import { App } from 'cdk8s';",
    "import { Construct } from 'constructs';",
    ...generated.map((g, i) => `import { run as run${i} } from './${path.basename(g.file, '.ts')}';`),
    'const blocks: [string, () => unknown[], boolean][] = [',
    ...generated.map((g, i) => `  [${JSON.stringify(key(g.block))}, run${i}, ${g.synthsItself}],`),
    '];',
    'const root = process.cwd();',
    'const results: { [key: string]: string | null } = {};',
    'for (const [key, run, synthsItself] of blocks) {',
    '  const dir = path.join(root, key);',
    '  fs.mkdirSync(dir, { recursive: true });',
    '  process.chdir(dir);',
    '  try {',
    '    const values = run();',
    '    const apps = new Set(values.filter(v => Construct.isConstruct(v)).map(v => (v as Construct).node.root));',
    '    for (const a of apps) {',
    "      if (a instanceof App && (!synthsItself || a === values[0]) && a.charts.length > 0) a.synth();",
    '    }',
    '    results[key] = null;',
    '  } catch (e) {',
    '    results[key] = e instanceof Error ? e.message : String(e);',
    '  } finally {',
    '    process.chdir(root);',
    '  }',
    '}',
    "fs.writeFileSync(path.join(root, 'results.json'), JSON.stringify(results));",
    '',
  ].join('\n');
}

const yamlFiles = (dir: string): string[] => !fs.existsSync(dir) ? [] : fs.readdirSync(dir, { withFileTypes: true }).flatMap(d =>
  d.isDirectory() ? yamlFiles(path.join(dir, d.name)) : /\.ya?ml$/.test(d.name) ? [path.join(dir, d.name)] : []);

const BLOCKS = DOC_FILES.flatMap(f => readmeBlocks(fs.readFileSync(path.join(ROOT, f), 'utf8'), f));
const CHECKED = BLOCKS.filter(b => !CHECKED_ELSEWHERE.has(b.section) && !b.nocheck);

/**
 * Deliberately broken blocks run with the README's (section "canary", not in README.md): each kind
 * of drift must be reported, naming the block, or the harness checks nothing.
 */
const CANARIES = readmeBlocks([
  '<!-- section:canary -->',
  '```ts',                                                           // block 1: a renamed prop
  "import { KafkaBrokers } from 'cdk8s-kafka';",
  "const cluster = new KafkaBrokers(chart, 'kafka', { name: 'old' });",
  '```',
  '```ts',                                                           // block 2: refused at synth, and uses block 1's cluster
  "import { KafkaTopicsJob } from 'cdk8s-kafka';",
  "new KafkaTopicsJob(chart, 'topics', { cluster, topics: [{ topicName: 'orders', replicas: 4 }] });",
  '```',
  '```ts',                                                           // block 3: an object the API server rejects, a duplicate
  "import { ApiObject } from 'cdk8s';",
  "new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, dataa: {} } as any);",
  "new ApiObject(chart, 'again', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } });",   // and a duplicate
  '```',
  '```ts nocheck',                                                   // block 4: not code, skipped
  'new KafkaBrokers(chart, …);',
  '```',
  '<!-- /section:canary -->',
].join('\n'), 'canary.md');
const RUN = [...CHECKED, ...CANARIES.filter(b => !b.nocheck)];

describe('README and docs/ code blocks', () => {
  const dir = path.join(ROOT, '.build', `readme-snippets-${process.pid}`);
  /** Problems per block key. */
  const problems = new Map<string, string[]>();
  const objects = new Map<string, any[]>();
  const report = (b: Block, msg: string) => {
    if (!problems.has(key(b))) problems.set(key(b), []);
    problems.get(key(b))!.push(msg);
  };

  beforeAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const analyses = new Map(RUN.map(b => [b, analyse(b)]));
    const generated = RUN.map(b => generate(b, RUN, analyses, dir));

    // Type-check: one program over all blocks, the package name mapped to the sources.
    const program = ts.createProgram(generated.map(g => g.file), {
      target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10,
      lib: ['lib.es2022.d.ts'], types: ['node'], strict: true, esModuleInterop: true, skipLibCheck: true, noEmit: true,
      baseUrl: ROOT, paths: { 'cdk8s-kafka': ['lib/index.ts'] },
    });
    for (const g of generated) {
      for (const d of ts.getPreEmitDiagnostics(program, program.getSourceFile(g.file))) {
        const message = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
        const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
        const from = g.emitter.origin[line];
        if (!from) {
          report(g.block, `TS${d.code} in the harness (generated line ${line + 1}: ${g.emitter.lines[line]?.trim()}): ${message}`);
        } else if (from.block === g.block) {
          report(g.block, `${from.block.file}:${from.line}: TS${d.code}: ${message}`);
        } else {
          // Reported in full by that block's own test; here once, as the cause.
          const cause = `${label(from.block)} (run first: it declares names this block uses) does not type-check`;
          if (!problems.get(key(g.block))?.includes(cause)) report(g.block, cause);
        }
      }
    }

    // Run: one esbuild bundle of all blocks, in a node process of its own (blocks may chdir-write).
    const runner = path.join(dir, 'run.ts');
    fs.writeFileSync(runner, runnerSource(generated));
    const bundle = path.join(dir, 'run.js');
    buildSync({
      entryPoints: [runner], outfile: bundle, bundle: true, platform: 'node', target: 'node20', packages: 'external', logLevel: 'silent',
      absWorkingDir: ROOT, alias: { 'cdk8s-kafka': './lib/index.ts' },
    });
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    const env: NodeJS.ProcessEnv = { ...process.env, CDK8S_CHECK_UPGRADE: 'false' };
    delete env.CDK8S_OUTDIR;   // blocks write where their App says (default dist/), inside their own folder
    execFileSync(process.execPath, [bundle], { cwd: out, env, stdio: 'pipe' });
    const results: { [key: string]: string | null } = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8'));

    for (const b of RUN) {
      const error = results[key(b)];
      if (error) { report(b, `synth threw: ${error}`); continue; }
      const objs = yamlFiles(path.join(out, key(b))).flatMap(f => readManifest(f))
        .filter(o => !String(o.apiVersion).startsWith('kustomize.config.k8s.io/'));   // kustomize's own file, not an object
      objects.set(key(b), objs);
      if (objs.length === 0) report(b, 'synthesized no objects');
      for (const v of validateObjects(objs)) report(b, `invalid ${v.object}: ${v.errors.join('; ')}`);
      const names = new Map<string, number>();
      for (const o of objs) {
        const id = `${String(o.apiVersion).replace(/\/?[^/]*$/, '')}/${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
        names.set(id, (names.get(id) ?? 0) + 1);
      }
      for (const [id, n] of names) if (n > 1) report(b, `${n} objects ${id} (applied together, the last one replaces the others)`);
    }
  });

  afterAll(() => {
    // README_SNIPPETS_KEEP=1 keeps the generated files (and what they wrote) to debug a block.
    if (!process.env.README_SNIPPETS_KEEP) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('every ```ts block outside library and sample-app is checked here (or fenced ```ts nocheck)', () => {
    const sections = new Set(BLOCKS.map(b => b.section));
    expect(CHECKED.length).toBeGreaterThanOrEqual(10);
    for (const s of ['gitops', 'raw', 'strimzi', 'examples']) expect(sections).toContain(s);
    // A section lives in one file (a block's names come from earlier blocks of its section).
    const files = new Map<string, Set<string>>();
    for (const b of BLOCKS) files.set(b.section, new Set([...files.get(b.section) ?? [], b.file]));
    expect([...files].filter(([, f]) => f.size > 1).map(([s, f]) => `${s}: ${[...f].join(', ')}`)).toEqual([]);
  });

  test('the harness reports each kind of drift, naming the block (canaries)', () => {
    expect(CANARIES.map(b => [b.index, b.nocheck])).toEqual([[1, false], [2, false], [3, false], [4, true]]);
    const [renamed, refused, invalid] = CANARIES.map(b => (problems.get(key(b)) ?? []).join('\n'));
    expect(renamed).toMatch(/^canary\.md:4: TS2353: .*'name' does not exist in type 'KafkaBrokersProps'/);
    expect(refused).toMatch(/^canary\.md section "canary" block 1 \(run first: it declares names this block uses\) does not type-check$/m);
    expect(refused).toMatch(/^synth threw: .*invalid topics\[orders\]\.replicas: got 4/m);
    expect(invalid).toMatch(/^invalid .*ConfigMap.*dataa/m);
    expect(invalid).toMatch(/^2 objects \/ConfigMap kafka\/cm \(applied together/m);
  });

  test.each(CHECKED.map(b => [`${label(b)} (${b.file}:${b.line})`, b] as const))('%s type-checks, synthesizes and validates', (_, b) => {
    const found = problems.get(key(b)) ?? [];
    if (found.length) throw new Error(`${label(b)} (${b.file}:${b.line}) is stale:\n- ${found.join('\n- ')}`);
    expect(objects.get(key(b))!.length).toBeGreaterThan(0);
  });
});
