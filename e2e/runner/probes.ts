// Probe timing as the kubelet applies it, as a pure state machine (tested without containers).

/** A probe as the pod spec gives it (the action is executed elsewhere). */
export interface ProbeSpec {
  readonly initialDelaySeconds?: number;
  readonly periodSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly successThreshold?: number;
  readonly failureThreshold?: number;
  readonly exec?: { command: string[] };
  readonly tcpSocket?: { port: number | string; host?: string };
  readonly httpGet?: { port: number | string; path?: string; scheme?: string; host?: string };
}

export type ProbeKind = 'startup' | 'readiness' | 'liveness';

/** What a probe result changes. */
export type ProbeEvent = 'started' | 'ready' | 'unready' | 'restart';

interface ProbeTrack { spec: ProbeSpec; nextAt: number; successes: number; failures: number; running: boolean }

export const probeDefaults = (p: ProbeSpec) => ({
  initialDelay: (p.initialDelaySeconds ?? 0) * 1000,
  period: (p.periodSeconds ?? 10) * 1000,
  timeout: (p.timeoutSeconds ?? 1) * 1000,
  success: p.successThreshold ?? 1,
  failure: p.failureThreshold ?? 3,
});

/**
 * The probes of one container run: startup first (readiness and liveness wait for it), then
 * readiness and liveness on their periods. `due` says which probes to run now; `record` takes a
 * result and says what follows: the container started, became ready or unready, or must restart.
 */
export class ContainerProbes {
  public started: boolean;
  public ready = false;
  private readonly tracks = new Map<ProbeKind, ProbeTrack>();

  constructor(specs: { startup?: ProbeSpec; readiness?: ProbeSpec; liveness?: ProbeSpec }, startedAt: number) {
    for (const kind of ['startup', 'readiness', 'liveness'] as ProbeKind[]) {
      const spec = specs[kind];
      if (spec) this.tracks.set(kind, { spec, nextAt: startedAt + probeDefaults(spec).initialDelay, successes: 0, failures: 0, running: false });
    }
    this.started = !this.tracks.has('startup');
    // Without a readiness probe a container is ready as soon as it has started.
    if (this.started && !this.tracks.has('readiness')) this.ready = true;
  }

  /** Probes to run at `now` (each at most once at a time). */
  public due(now: number): ProbeKind[] {
    const out: ProbeKind[] = [];
    for (const [kind, t] of this.tracks) {
      if (t.running || now < t.nextAt) continue;
      if (kind === 'startup' ? this.started : !this.started) continue;
      out.push(kind);
    }
    return out;
  }

  public spec(kind: ProbeKind): ProbeSpec {
    return this.tracks.get(kind)!.spec;
  }

  public begin(kind: ProbeKind): void {
    this.tracks.get(kind)!.running = true;
  }

  /** Records a result taken at `now`; returns the events it causes. */
  public record(kind: ProbeKind, ok: boolean, now: number): ProbeEvent[] {
    const t = this.tracks.get(kind)!;
    const d = probeDefaults(t.spec);
    t.running = false;
    t.nextAt = now + d.period;
    if (ok) { t.successes++; t.failures = 0; } else { t.failures++; t.successes = 0; }
    const events: ProbeEvent[] = [];
    if (kind === 'startup') {
      if (ok) {
        this.started = true;
        events.push('started');
        // Readiness and liveness start right after startup succeeds.
        for (const [k, other] of this.tracks) if (k !== 'startup') other.nextAt = now;
        if (!this.tracks.has('readiness')) { this.ready = true; events.push('ready'); }
      } else if (t.failures >= d.failure) {
        events.push('restart');
      }
    } else if (kind === 'readiness') {
      if (ok && !this.ready && t.successes >= d.success) { this.ready = true; events.push('ready'); }
      if (!ok && this.ready && t.failures >= d.failure) { this.ready = false; events.push('unready'); }
    } else if (!ok && t.failures >= d.failure) {
      events.push('restart');
    }
    return events;
  }
}

/**
 * Seconds the kubelet waits before restarting a container that exited for the `restarts`-th time
 * (1 = first restart): immediately, then 10 s doubling to a 300 s cap (CrashLoopBackOff).
 * A container that ran for 10 minutes resets the count (the caller does that).
 */
export function restartBackoffSeconds(restarts: number): number {
  if (restarts <= 1) return 0;
  return Math.min(10 * 2 ** (restarts - 2), 300);
}
