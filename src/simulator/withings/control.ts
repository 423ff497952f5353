/** Withings controls of the simulator: envelope faults, data edits, the call log, counters. */
import type { WithingsCall, WithingsContext } from './context.js';
import type { ListKind } from './documents.js';
import type { WithingsTokenCounters } from './tokens.js';

export interface WithingsControl {
  /** The next `count` data calls (of `action`, or any) answer HTTP 200 with envelope `status`. */
  envelopeErrorNext(count: number, status: number, action?: string): void;
  /** Drops pending envelope faults. */
  clearEnvelopeFaults(): void;
  /** Corrects the weight of a measure group now (its `modified` moves, `lastupdate` sees it). */
  editMeasure(grpid: number, weightKg: number): boolean;
  /** Deletes a document of a list now. */
  deleteDocument(kind: ListKind, id: number | string): boolean;
  /** Visible documents of a list now (every page, no date filter). */
  documents(kind: ListKind): Array<Record<string, unknown>>;
  /** Service calls (action and redacted parameters), oldest first. */
  calls(): WithingsCall[];
  clearCalls(): void;
  /** What the authorize endpoint answers. */
  setAuthorizeDecision(decision: 'approve' | 'deny'): void;
  /** Every credential issued or accepted (for leak checks). */
  issuedSecrets(): string[];
  revokeAll(): void;
  counters(): WithingsTokenCounters & { dataRequests: number; unauthorized: number; rateLimited: number };
  /** The user id Withings returns with grants. */
  userId(): number;
  /** The user removes every goal: getgoals answers `goals: []` from now on. */
  clearGoals(): void;
}

/** Builds the Withings controls over its context. */
export function createWithingsControl(ctx: WithingsContext): WithingsControl {
  return {
    envelopeErrorNext: (count, status, action) => {
      if (!Number.isInteger(count) || count < 1) throw new RangeError('count must be a positive integer');
      ctx.envelopeFaults.push({ status, remaining: count, action: action ?? null });
    },
    clearEnvelopeFaults: () => {
      ctx.envelopeFaults = [];
    },
    editMeasure: (grpid, weightKg) => ctx.documents.editMeasure(grpid, weightKg, ctx.clock.nowMs()),
    deleteDocument: (kind, id) => ctx.documents.delete(kind, id, ctx.clock.nowMs()),
    documents: (kind) => ctx.documents.list(kind, ctx.clock.nowMs(), {}),
    calls: () => ctx.calls.map((call) => ({ ...call, params: { ...call.params } })),
    clearCalls: () => {
      ctx.calls.length = 0;
    },
    setAuthorizeDecision: (decision) => {
      ctx.authorizeDecision = decision;
    },
    issuedSecrets: () => [...ctx.tokens.secrets(), ctx.config.clientSecret],
    revokeAll: () => ctx.tokens.revokeAll(),
    counters: () => ({
      ...ctx.tokens.counters,
      dataRequests: ctx.counters.dataRequests,
      unauthorized: ctx.counters.unauthorized,
      rateLimited: ctx.rateLimiter.refused,
    }),
    userId: () => ctx.tokens.options.userId,
    clearGoals: () => {
      ctx.documents.goalsCleared = true;
    },
  };
}
