/**
 * The life of a case (pure). new → in progress → waiting on customer → resolved → closed; a
 * resolved or closed case can be reopened (by staff, or by the customer answering "no" to the
 * check-back), and a reopened case is worked again like a new one.
 */

export const CASE_STATUSES = [
  'new',
  'in_progress',
  'waiting_on_customer',
  'resolved',
  'closed',
  'reopened',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

const NEXT: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ['in_progress', 'waiting_on_customer', 'resolved'],
  in_progress: ['waiting_on_customer', 'resolved'],
  waiting_on_customer: ['in_progress', 'resolved'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['in_progress', 'waiting_on_customer', 'resolved'],
};

export function mayMove(from: CaseStatus, to: CaseStatus): boolean {
  return NEXT[from].includes(to);
}

/** The statuses a case may move to next. */
export function nextStatuses(from: CaseStatus): readonly CaseStatus[] {
  return NEXT[from];
}

/** Open cases are the ones someone still has to act on: they count against SLAs and escalate. */
export function isOpen(status: CaseStatus): boolean {
  return status !== 'resolved' && status !== 'closed';
}

export class StatusChangeRefused extends Error {
  readonly from: CaseStatus;
  readonly to: CaseStatus;
  constructor(from: CaseStatus, to: CaseStatus) {
    super(`A ${from} case cannot become ${to}; next: ${NEXT[from].join(', ')}`);
    this.from = from;
    this.to = to;
  }
}

/** The checked move; throws StatusChangeRefused for a move the life cycle does not allow. */
export function moveCase(from: CaseStatus, to: CaseStatus): CaseStatus {
  if (!mayMove(from, to)) throw new StatusChangeRefused(from, to);
  return to;
}
