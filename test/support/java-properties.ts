/**
 * Reads properties files with the JVM's own java.util.Properties.load(InputStream), the way Kafka
 * reads server.properties (Utils.loadProps, ISO-8859-1) and log4j 1 its log4j.properties.
 * One JVM for a whole batch: `java Load.java` (single-file source launch, no build step).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Whether a JDK is on the PATH. CI must have one: there a missing JDK fails instead of skipping. */
export const JAVA = spawnSync('java', ['-version']).status === 0;

/** `test` when a JDK is installed, else `test.skip` (a visible skip); under CI a missing JDK is a failure. */
export function javaTest(name: string, fn: () => void, timeout?: number): void {
  if (JAVA) test(name, fn, timeout);
  else if (process.env.CI) test(name, () => { throw new Error('java is not on the PATH: CI must run the Properties.load round trips'); });
  else test.skip(`${name} (skipped: no java on the PATH)`, fn);
}

// Prints, per file, "F" then one line per entry: key and value as UTF-16 units in hex (4 digits each), so
// every character Java read (line breaks, lone surrogates…) reaches the test unchanged.
const LOADER = `
import java.io.*; import java.nio.file.*; import java.util.*;
public class Load { public static void main(String[] a) throws Exception {
  StringBuilder out = new StringBuilder();
  for (int i = 0; i < Integer.parseInt(a[1]); i++) {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(Paths.get(a[0], i + ".properties"))) { p.load(in); }
    out.append("F\\n");
    for (String k : new TreeSet<>(p.stringPropertyNames())) out.append(hex(k)).append(' ').append(hex(p.getProperty(k))).append('\\n');
  }
  System.out.print(out);
}
static String hex(String s) { StringBuilder b = new StringBuilder("x"); for (char c : s.toCharArray()) b.append(String.format("%04x", (int) c)); return b.toString(); }
}`;

function unhex(s: string): string {
  let out = '';
  for (let i = 1; i < s.length; i += 4) out += String.fromCharCode(parseInt(s.slice(i, i + 4), 16));
  return out;
}

/** Loads each text (written as UTF-8 bytes, as a ConfigMap file is) with Properties.load; one map per text. */
export function loadWithJava(texts: readonly string[]): Record<string, string>[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'java-properties-'));
  try {
    texts.forEach((t, i) => fs.writeFileSync(path.join(dir, `${i}.properties`), t, 'utf8'));
    fs.writeFileSync(path.join(dir, 'Load.java'), LOADER);
    const r = spawnSync('java', [path.join(dir, 'Load.java'), dir, String(texts.length)], { encoding: 'utf8', timeout: 120000, maxBuffer: 256 << 20 });
    if (r.status !== 0) throw new Error(`java failed: ${r.stderr}`);
    const maps: Record<string, string>[] = [];
    for (const line of r.stdout.split('\n')) {
      if (line === 'F') maps.push({});
      else if (line) {
        const [k, v] = line.split(' ');
        maps[maps.length - 1][unhex(k)] = unhex(v);
      }
    }
    return maps;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
