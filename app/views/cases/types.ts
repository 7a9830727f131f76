/** The cases, inbox and improvements APIs' answers, as this view reads them. */
export const CASE_STATUSES = [
  'new',
  'in_progress',
  'waiting_on_customer',
  'resolved',
  'closed',
  'reopened',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export interface CaseRow {
  caseId: string;
  ruleId: string | null;
  responseId: string;
  title: string;
  priority: string;
  status: CaseStatus;
  nextStatuses: CaseStatus[];
  unitId: string | null;
  accountId: string | null;
  contactId: string | null;
  ownerUserId: string | null;
  queue: string | null;
  ownerReason: string;
  firstContactDueAt: string;
  resolutionDueAt: string;
  firstContactedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  escalationLevel: number;
  escalatedToUserId: string | null;
  rootCause: string | null;
  resolution: string | null;
  checkbackAnswer: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CaseEntry {
  entryId: string;
  kind: string;
  body: string;
  details: Record<string, unknown>;
  authorUserId: string | null;
  at: string;
}

export interface CaseDetail extends CaseRow {
  entries: CaseEntry[];
  watchers: string[];
}

export interface InboxEvent {
  eventId: string;
  kind: string;
  caseId: string | null;
  title: string;
  createdAt: string;
  read: boolean;
}

export interface Assignee {
  userId: string;
  name: string;
  role: string;
}

export interface ImprovementAction {
  actionId: string;
  title: string;
  forceKey: string | null;
  measure: string;
  touchpointId: string | null;
  department: string | null;
  unitId: string | null;
  ownerUserId: string | null;
  dueDate: string | null;
  status: string;
  startedOn: string | null;
  rootCauses: string[];
}

export interface Effect {
  measure: string;
  startedOn: string;
  before: { from: string; to: string; n: number; value: number | null };
  after: { from: string; to: string; n: number; value: number | null };
  difference: number | null;
  pValue: number | null;
  significant: boolean;
  insufficient: boolean;
}

export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;
