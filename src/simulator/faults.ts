/**
 * Injectable faults, consumed per request in the order they were added. A rule applies to
 * requests whose full path starts with its `pathPrefix` (default: every provider path, OAuth
 * included; the control API is never affected).
 */

export type FaultKind = 'error' | 'malformed' | 'rate_limit' | 'delay';

export interface FaultRule {
  kind: FaultKind;
  /** Requests left to affect; `null` = until cleared (only for `delay`). */
  remaining: number | null;
  pathPrefix: string | null;
  /** HTTP status for `error` (default 503). */
  status: number;
  /** Retry-After seconds for `rate_limit`. */
  retryAfterSeconds: number;
  /** Delay for `delay`. */
  delayMs: number;
}

export interface FaultDecision {
  delayMs: number;
  /** The terminal fault to apply (error / malformed / rate_limit), if any. */
  fault: FaultRule | null;
}

export class FaultInjector {
  private rules: FaultRule[] = [];
  /** Total faults applied so far. */
  applied = 0;

  add(rule: Partial<FaultRule> & { kind: FaultKind }): FaultRule {
    const full: FaultRule = {
      kind: rule.kind,
      remaining: rule.remaining === undefined ? (rule.kind === 'delay' ? null : 1) : rule.remaining,
      pathPrefix: rule.pathPrefix ?? null,
      status: rule.status ?? 503,
      retryAfterSeconds: rule.retryAfterSeconds ?? 30,
      delayMs: rule.delayMs ?? 0,
    };
    this.rules.push(full);
    return full;
  }

  clear(): void {
    this.rules = [];
  }

  /** Active rules (copies). */
  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Picks (and consumes) the faults for one request to `path`. */
  take(path: string): FaultDecision {
    let delayMs = 0;
    let fault: FaultRule | null = null;
    for (const rule of this.rules) {
      if (rule.pathPrefix !== null && !path.startsWith(rule.pathPrefix)) continue;
      if (rule.kind === 'delay') {
        delayMs = Math.max(delayMs, rule.delayMs);
        if (rule.remaining !== null) rule.remaining -= 1;
      } else if (fault === null) {
        fault = { ...rule };
        if (rule.remaining !== null) rule.remaining -= 1;
      }
    }
    this.rules = this.rules.filter((r) => r.remaining === null || r.remaining > 0);
    if (fault) this.applied += 1;
    return { delayMs, fault };
  }
}
