// .e2e/report.json (a contract: one object per scenario) and the table printed at the end.
import * as fs from 'fs';
import * as path from 'path';

export interface ScenarioResult {
  name: string;
  passed: boolean;
  seconds: number;
  produced: number;
  acknowledged: number;
  consumed: number;
  lost: number;
  notes: string[];
}

export function writeReport(file: string, results: readonly ScenarioResult[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

export function table(results: readonly ScenarioResult[]): string {
  const head = ['scenario', 'result', 'seconds', 'produced', 'acknowledged', 'consumed', 'lost'];
  const rows = results.map(r => [r.name, r.passed ? 'passed' : 'FAILED', r.seconds.toFixed(0), String(r.produced), String(r.acknowledged), String(r.consumed), String(r.lost)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), line(widths.map(w => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
