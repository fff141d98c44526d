/** Levenshtein distance, bounded: stops early once every entry of a row exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, row[j]);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length];
}

/** How far a key may be from a known one and still count as a typo of it. */
export function typoDistance(key: string): number {
  return Math.max(2, Math.floor(key.length / 5));
}

/**
 * Up to three known keys `key` was probably meant to be: the closest by edit distance (typos),
 * then keys that end with it or that it ends with (`retention.ms` for `log.retention.ms`), then
 * keys that share its longest dotted prefix.
 */
export function didYouMean(key: string, known: readonly string[]): string[] {
  const max = typoDistance(key);
  const scored = known.map(k => ({ k, d: editDistance(key, k, max) })).filter(x => x.d <= max).sort((x, y) => x.d - y.d || x.k.localeCompare(y.k));
  const out = scored.map(x => x.k);
  out.push(...known.filter(k => k.endsWith(`.${key}`) || key.endsWith(`.${k}`)).sort((x, y) => x.length - y.length));
  const segments = key.split('.');
  for (let n = segments.length - 1; n >= 1 && out.length < 3; n--) {
    const prefix = `${segments.slice(0, n).join('.')}.`;
    const shared = known.filter(k => k.startsWith(prefix));
    if (shared.length > 0) {
      out.push(...shared.sort((x, y) => editDistance(key, x) - editDistance(key, y)));
      break;
    }
  }
  return [...new Set(out)].slice(0, 3);
}
