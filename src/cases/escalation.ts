/**
 * SLAs and escalation (pure). A case is due for first contact within the rule's hours and for
 * resolution within its days. Once a deadline passes with the case still open, it escalates to the
 * owner's manager; while it stays overdue it climbs one level further up every `step`.
 */
import { type CaseStatus, isOpen } from './caseStatus.ts';

const HOUR = 3_600_000;

export interface Sla {
  firstContactHours: number;
  resolutionDays: number;
}

export function dueDates(openedAt: Date, sla: Sla): { firstContactDueAt: Date; resolutionDueAt: Date } {
  return {
    firstContactDueAt: new Date(openedAt.getTime() + sla.firstContactHours * HOUR),
    resolutionDueAt: new Date(openedAt.getTime() + sla.resolutionDays * 24 * HOUR),
  };
}

export interface EscalationState {
  status: CaseStatus;
  firstContactDueAt: Date;
  resolutionDueAt: Date;
  firstContactedAt: Date | null;
  lastEscalatedAt: Date | null;
}

/**
 * When the case next escalates, or null when it never will (resolved or closed). The deadline that
 * matters is first contact until the customer has been contacted, then resolution; after an
 * escalation past that deadline, the next one comes `stepHours` later.
 */
export function nextEscalationAt(state: EscalationState, stepHours: number): Date | null {
  if (!isOpen(state.status)) return null;
  const deadline = state.firstContactedAt
    ? state.resolutionDueAt
    : new Date(Math.min(state.firstContactDueAt.getTime(), state.resolutionDueAt.getTime()));
  if (state.lastEscalatedAt && state.lastEscalatedAt.getTime() >= deadline.getTime()) {
    return new Date(state.lastEscalatedAt.getTime() + stepHours * HOUR);
  }
  return deadline;
}

/**
 * Who a case escalates to at a given level: the managers above the owner, nearest first (the
 * owner's own unit's managers, then the parent's, up to the root), skipping the owner. Level 0 is
 * the first escalation. Null when the chain is exhausted.
 */
export function escalationTarget(
  chain: readonly string[],
  ownerUserId: string | null,
  level: number,
): string | null {
  const above = chain.filter((id) => id !== ownerUserId);
  return above[level] ?? null;
}
