/**
 * The documentation a user reads: README.md stays a first page (at most 20 KB; the rest lives in
 * docs/), and every relative link of README.md and docs/*.md points at a file that exists and, with
 * a #fragment, at a heading of that file (GitHub's anchor rules), so moving a section cannot leave
 * a dead link behind.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const FILES = ['README.md', 'CHANGELOG.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter(f => f.endsWith('.md')).map(f => `docs/${f}`)]
  .filter(f => fs.existsSync(path.join(ROOT, f)));

/** GitHub's heading anchors: lower-case, punctuation dropped, spaces to '-', repeats numbered. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^```/.test(line)) fenced = !fenced;
    const m = !fenced && /^#{1,6} (.*)$/.exec(line);
    if (!m) continue;
    const base = m[1].trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Relative Markdown links `[text](target)` outside code fences and inline code. */
function links(markdown: string): { target: string; line: number }[] {
  const found: { target: string; line: number }[] = [];
  let fenced = false;
  markdown.split('\n').forEach((line, i) => {
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (fenced) return;
    for (const m of line.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)\)/g)) {
      if (!/^[a-z]+:/i.test(m[1])) found.push({ target: m[1], line: i + 1 });
    }
  });
  return found;
}

test('README.md is at most 20 KB', () => {
  expect(fs.statSync(path.join(ROOT, 'README.md')).size).toBeLessThanOrEqual(20 * 1024);
});

test('every relative link of README.md and docs/*.md resolves, anchors included', () => {
  const dead: string[] = [];
  for (const file of FILES) {
    for (const { target, line } of links(fs.readFileSync(path.join(ROOT, file), 'utf8'))) {
      const [p, fragment] = target.split('#');
      const resolved = p ? path.resolve(path.dirname(path.join(ROOT, file)), p) : path.join(ROOT, file);
      if (!fs.existsSync(resolved)) { dead.push(`${file}:${line}: ${target} (no such file)`); continue; }
      if (fragment && resolved.endsWith('.md') && !anchors(fs.readFileSync(resolved, 'utf8')).has(fragment)) {
        dead.push(`${file}:${line}: ${target} (no heading with that anchor)`);
      }
    }
  }
  expect(dead).toEqual([]);
});

test('the anchor rules match GitHub on the headings this documentation uses', () => {
  expect([...anchors('# A\n## 1. `kubectl apply`\n## KafkaBrokers (ZooKeeper) and ZookeeperEnsemble\n## A\n```\n# not a heading\n```\n')])
    .toEqual(['a', '1-kubectl-apply', 'kafkabrokers-zookeeper-and-zookeeperensemble', 'a-1']);
});
