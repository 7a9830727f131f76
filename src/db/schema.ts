import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Kysely's view of the tables (see migrations/ for the DDL and the reasons). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T extends object | null = Record<string, unknown>> = JSONColumnType<T, T | string, T | string>;
export type Localized = Record<string, string>;

export interface OrganisationsTable {
  org_id: Generated<string>;
  name: string;
  slug: string;
  signing_key: string;
  settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Timestamp;
}

export interface OrgUnitsTable {
  org_id: string;
  unit_id: Generated<string>;
  parent_id: string | null;
  name: string;
  kind: Generated<string>;
  path: string;
  created_at: Timestamp;
}

export type Role = 'owner' | 'admin' | 'analyst' | 'manager' | 'agent' | 'viewer';

export interface UsersTable {
  org_id: string;
  user_id: Generated<string>;
  email: string;
  name: string;
  password_hash: string | null;
  locale: Generated<string>;
  created_at: Timestamp;
}

export interface MembershipsTable {
  org_id: string;
  user_id: string;
  role: Role;
  unit_id: string | null;
}

export interface SessionsTable {
  org_id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  org_id: string;
  token_id: Generated<string>;
  name: string;
  secret_hash: string;
  role: 'admin' | 'analyst' | 'viewer';
  unit_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface AccountsTable {
  org_id: string;
  account_id: Generated<string>;
  name: string;
  industry: string | null;
  tier: string | null;
  annual_value: ColumnType<string | null, number | string | null, number | string | null>;
  renewal_date: ColumnType<Date | null, string | null, string | null>;
  unit_id: string | null;
  owner_user_id: string | null;
  external_id: string | null;
  /** Web domain (e.g. acme.example), matching imported feedback by its author's address. */
  domain: string | null;
  created_at: Timestamp;
}

export interface ContactsTable {
  org_id: string;
  contact_id: Generated<string>;
  account_id: string;
  first_name: string;
  last_name: string;
  email: string;
  language: Generated<string>;
  buying_role: string | null;
  consent: Generated<boolean>;
  opted_out_at: Date | null;
  external_id: string | null;
  created_at: Timestamp;
}

export interface FrameworksTable {
  org_id: string;
  framework_id: string;
  name: string;
  version: string;
  maps_to: string | null;
  force_map: Json<Record<string, string | null>>;
}

export interface ForcesTable {
  org_id: string;
  framework_id: string;
  force_key: string;
  position: number;
  name: Json<Localized>;
  facets: Json<unknown[]>;
  fulfilled: Json<Localized>;
  tension: Json<Localized>;
}

export interface JourneysTable {
  org_id: string;
  journey_id: Generated<string>;
  key: string;
  name: Json<Localized>;
  position: Generated<number>;
}

export interface JourneyStagesTable {
  org_id: string;
  stage_id: Generated<string>;
  journey_id: string;
  key: string;
  name: Json<Localized>;
  position: Generated<number>;
}

export interface TouchpointsTable {
  org_id: string;
  touchpoint_id: Generated<string>;
  stage_id: string;
  key: string;
  name: Json<Localized>;
  channel: string;
  owning_department: string;
  target_forces: string[];
  ideal: Json<Record<string, unknown>>;
  position: Generated<number>;
}

export interface SurveysTable {
  org_id: string;
  survey_id: Generated<string>;
  slug: string;
  name: string;
  kind: 'relationship' | 'touchpoint' | 'pulse' | 'employee';
  touchpoint_id: string | null;
  status: Generated<'draft' | 'open' | 'closed'>;
  draft: Json<Record<string, unknown>> | null;
  current_version: number | null;
  settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Timestamp;
}

export interface SurveyVersionsTable {
  org_id: string;
  survey_id: string;
  version: number;
  definition: Json<Record<string, unknown>>;
  published_at: Timestamp;
}

export interface ResponsesTable {
  org_id: string;
  response_id: Generated<string>;
  survey_id: string;
  survey_version: number;
  contact_id: string | null;
  account_id: string | null;
  touchpoint_id: string | null;
  unit_id: string | null;
  channel: Generated<string>;
  language: Generated<string>;
  started_at: Date | null;
  submitted_at: Timestamp;
  status: Generated<'partial' | 'complete'>;
  quality_flags: Generated<string[]>;
  excluded: Generated<boolean>;
  idempotency_key: string | null;
  nps: number | null;
  csat: number | null;
  ces: number | null;
  force_certainty: number | null;
  force_control: number | null;
  force_fair_treatment: number | null;
  force_belonging: number | null;
  force_status: number | null;
  force_enjoyment: number | null;
  satisfaction: number | null;
  attachment: number | null;
  segment: string | null;
  relationship_strength: number | null;
  continue_likelihood: number | null;
  buy_more: number | null;
  share_of_spend: number | null;
  preference_rank: number | null;
  dissonance: string | null;
  critical_incident: boolean | null;
  answers: Json<Record<string, unknown>>;
  hidden: Json<Record<string, unknown>>;
  resume_hash: string | null;
  duration_seconds: number | null;
  fingerprint: string | null;
}

export interface SurveyTokensTable {
  org_id: string;
  token_hash: string;
  survey_id: string;
  contact_id: string;
  account_id: string | null;
  touchpoint_id: string | null;
  hidden: ColumnType<Record<string, unknown>, string | undefined, string>;
  language: string | null;
  expires_at: Date | null;
  used_at: Date | null;
  response_id: string | null;
  created_at: Timestamp;
}

export interface CommentsTable {
  org_id: string;
  comment_id: Generated<string>;
  response_id: string | null;
  question_id: string | null;
  source: Generated<string>;
  text: string;
  language: string | null;
  account_id: string | null;
  contact_id: string | null;
  created_at: Timestamp;
  /** Null until the text pipeline has analysed the comment (set back to null to re-label it). */
  analysed_at: Timestamp | null;
  /** Imported feedback: when the customer wrote it. */
  occurred_at: ColumnType<Date | null, string | null | undefined, string | null>;
  rating: number | null;
  author_email: string | null;
  /** Imported feedback: the source's id or a content hash; a re-import skips existing keys. */
  import_key: string | null;
}

/** What the text engine read in one comment (see src/text/pipeline). */
export interface CommentAnalysesTable {
  org_id: string;
  comment_id: string;
  language: string;
  sentiment: 'positive' | 'negative' | 'mixed' | 'neutral';
  sentiment_score: number;
  /** [{ start, end, text, sentiment: { label, score } }] */
  sentences: Json<unknown[]>;
  force: string | null;
  polarity: 'fulfilled' | 'tension' | null;
  confidence: number;
  secondary: Json<unknown[]>;
  emotions: Json<unknown[]>;
  topics: string[];
  spans: Json<unknown[]>;
  model_version: string;
  analysed_at: Timestamp;
}

/** A person's relabelling of a comment: only the labels given. */
export type CorrectionLabels = {
  force?: string | null;
  polarity?: 'fulfilled' | 'tension' | null;
  sentiment?: 'positive' | 'negative' | 'mixed' | 'neutral';
  emotions?: string[];
  topics?: string[];
};

export interface CommentCorrectionsTable {
  org_id: string;
  comment_id: string;
  labels: Json<CorrectionLabels>;
  corrected_by: string | null;
  corrected_at: Timestamp;
}

export interface TextOrgModelsTable {
  org_id: string;
  version: number;
  model_version: string;
  /** JSON of the model files by name (src/text/modelFiles.ts). */
  model: string;
  corrections: number;
  corrections_until: Timestamp | null;
  evaluation: Json<Record<string, unknown>>;
  started_at: Timestamp;
  trained_at: Timestamp;
}

export interface TextModelRequestsTable {
  org_id: string;
  requested_at: Timestamp;
  requested_by: string | null;
}

/** A topic of an organisation's codeframe. */
export interface TextTopicsTable {
  org_id: string;
  topic_id: Generated<string>;
  key: string;
  rule: string | null;
  /** [{ text, language: 'en' | 'it' }] */
  examples: Json<{ text: string; language: 'en' | 'it' }[]>;
  threshold: number | null;
  updated_at: Timestamp;
}

export interface TextRelabelRunsTable {
  org_id: string;
  run_id: Generated<string>;
  reason: string;
  model_version: string | null;
  total: number;
  started_at: Timestamp;
}

export interface AuditLogTable {
  org_id: string;
  audit_id: Generated<string>;
  at: Timestamp;
  actor_user_id: string | null;
  actor_token_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: Json<Record<string, unknown>>;
}

export interface RollupQueueTable {
  org_id: string;
  queue_id: Generated<string>;
  response_id: string;
  sign: number;
}

/** rollup_daily has ~130 generated columns (see analytics/rollupVariables.ts); it is read through raw SQL. */
export interface RollupDailyTable {
  org_id: string;
  day: Date;
  cell_key: string;
}

export type ImportKind = 'accounts' | 'contacts';
export type ImportStatus =
  | 'uploaded'
  | 'queued'
  | 'validating'
  | 'validated'
  | 'committing'
  | 'completed'
  | 'failed';

export interface ImportJobsTable {
  org_id: string;
  import_id: Generated<string>;
  kind: ImportKind;
  format: 'csv' | 'xlsx';
  file_name: string | null;
  idempotency_key: string | null;
  status: Generated<ImportStatus>;
  mapping: Json<Record<string, string>> | null;
  dry_run: Generated<boolean>;
  skip_bad_rows: Generated<boolean>;
  columns: Json<string[]>;
  total: Generated<number>;
  done: Generated<number>;
  bad_rows: Generated<number>;
  summary: ColumnType<Record<string, number>, string | undefined, string>;
  failure: string | null;
  actor_user_id: string | null;
  actor_token_id: string | null;
  actor_unit_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ImportFileChunksTable {
  org_id: string;
  import_id: string;
  seq: number;
  bytes: Buffer;
}

export interface ImportRowsTable {
  org_id: string;
  import_id: string;
  line: number;
  data: Json<Record<string, unknown>>;
  errors: Json<{ column?: string; message: string }[]> | null;
  target_id: string | null;
}

export interface AlertRulesTable {
  org_id: string;
  rule_id: Generated<string>;
  name: string;
  survey_id: string | null;
  touchpoint_id: string | null;
  conditions: Json<unknown[]>;
  priority: Generated<string>;
  fallback_queue: Generated<string>;
  first_contact_hours: Generated<number>;
  resolution_days: Generated<number>;
  channels: Generated<string[]>;
  active: Generated<boolean>;
  created_at: Timestamp;
}

export interface AlertQueueTable {
  org_id: string;
  response_id: string;
  queued_at: Timestamp;
}

export interface CasesTable {
  org_id: string;
  case_id: Generated<string>;
  /** Null for a case a person opened by hand. */
  rule_id: string | null;
  response_id: string;
  title: string;
  priority: string;
  status: Generated<string>;
  unit_id: string | null;
  account_id: string | null;
  contact_id: string | null;
  owner_user_id: string | null;
  queue: string | null;
  owner_reason: string;
  channels: string[];
  escalation_step_hours: number;
  first_contact_due_at: Timestamp;
  resolution_due_at: Timestamp;
  first_contacted_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  next_escalation_at: Date | null;
  escalation_level: Generated<number>;
  escalated_to_user_id: string | null;
  last_escalated_at: Date | null;
  root_cause: string | null;
  resolution: string | null;
  checkback_sent_at: Date | null;
  checkback_answer: string | null;
  checkback_answered_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  idempotency_key: string | null;
}

export interface CaseWatchersTable {
  org_id: string;
  case_id: string;
  user_id: string;
}

export interface CaseEntriesTable {
  org_id: string;
  entry_id: Generated<string>;
  case_id: string;
  kind: string;
  body: Generated<string>;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  author_user_id: string | null;
  idempotency_key: string | null;
  at: Timestamp;
}

export interface InboxEventsTable {
  org_id: string;
  event_id: ColumnType<string, never, never>;
  user_id: string;
  kind: string;
  case_id: string | null;
  title: string;
  created_at: Timestamp;
  read_at: Date | null;
}

export interface ImprovementActionsTable {
  org_id: string;
  action_id: Generated<string>;
  title: string;
  force_key: string | null;
  measure: string;
  touchpoint_id: string | null;
  department: string | null;
  unit_id: string | null;
  owner_user_id: string | null;
  due_date: ColumnType<Date | null, string | null, string | null>;
  status: Generated<string>;
  started_on: ColumnType<Date | null, string | null, string | null>;
  root_causes: Generated<string[]>;
  created_at: Timestamp;
}

export interface ImprovementCasesTable {
  org_id: string;
  action_id: string;
  case_id: string;
}

export interface Schema {
  organisations: OrganisationsTable;
  org_units: OrgUnitsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  accounts: AccountsTable;
  contacts: ContactsTable;
  frameworks: FrameworksTable;
  forces: ForcesTable;
  journeys: JourneysTable;
  journey_stages: JourneyStagesTable;
  touchpoints: TouchpointsTable;
  surveys: SurveysTable;
  survey_versions: SurveyVersionsTable;
  responses: ResponsesTable;
  comments: CommentsTable;
  comment_analyses: CommentAnalysesTable;
  text_relabel_runs: TextRelabelRunsTable;
  comment_corrections: CommentCorrectionsTable;
  text_org_models: TextOrgModelsTable;
  text_model_requests: TextModelRequestsTable;
  text_topics: TextTopicsTable;
  survey_tokens: SurveyTokensTable;
  rollup_queue: RollupQueueTable;
  rollup_daily: RollupDailyTable;
  audit_log: AuditLogTable;
  alert_rules: AlertRulesTable;
  alert_queue: AlertQueueTable;
  cases: CasesTable;
  case_watchers: CaseWatchersTable;
  case_entries: CaseEntriesTable;
  inbox_events: InboxEventsTable;
  improvement_actions: ImprovementActionsTable;
  improvement_cases: ImprovementCasesTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_events: WebhookEventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  webhook_sweeps: WebhookSweepsTable;
  crm_events: CrmEventsTable;
  distribution_rules: DistributionRulesTable;
  invitations: InvitationsTable;
  email_suppressions: EmailSuppressionsTable;
  import_jobs: ImportJobsTable;
  import_file_chunks: ImportFileChunksTable;
  import_rows: ImportRowsTable;
  report_schedules: ReportSchedulesTable;
  report_schedule_recipients: ReportScheduleRecipientsTable;
  report_deliveries: ReportDeliveriesTable;
  health_score_settings: HealthScoreSettingsTable;
}

export interface WebhookEndpointsTable {
  org_id: string;
  endpoint_id: Generated<string>;
  url: string;
  secret: string;
  description: Generated<string>;
  event_types: ColumnType<string[], string[] | undefined, string[]>;
  enabled: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WebhookEventsTable {
  org_id: string;
  event_id: Generated<string>;
  type: string;
  subject_id: string | null;
  payload: Json<Record<string, unknown>>;
  created_at: Timestamp;
}

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface WebhookDeliveriesTable {
  org_id: string;
  delivery_id: Generated<string>;
  event_id: string;
  endpoint_id: string;
  status: Generated<WebhookDeliveryStatus>;
  attempts: Generated<number>;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: Date | string | null;
  delivered_at: Date | string | null;
  created_at: Timestamp;
}

export interface WebhookAttemptsTable {
  org_id: string;
  delivery_id: string;
  attempt: number;
  attempted_at: Timestamp;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

export interface WebhookSweepsTable {
  org_id: string;
  swept_until: Date | string;
}

export interface CrmEventsTable {
  org_id: string;
  event_id: Generated<string>;
  type: string;
  occurred_at: Date | string;
  received_at: Timestamp;
  contact_id: string | null;
  account_id: string | null;
  touchpoint_id: string | null;
  attributes: Json<Record<string, unknown>>;
  idempotency_key: string | null;
  decision: ColumnType<unknown[], string | undefined, string>;
}

export interface DistributionRulesTable {
  org_id: string;
  rule_id: Generated<string>;
  name: string;
  event_type: string;
  touchpoint_id: string | null;
  survey_id: string;
  enabled: Generated<boolean>;
  delay_minutes: Generated<number>;
  default_language: Generated<string>;
  contact_cap_days: number | null;
  account_cap_per_quarter: number | null;
  quiet_start: string | null;
  quiet_end: string | null;
  timezone: Generated<string>;
  reminder_after_days: number | null;
  max_reminders: Generated<number>;
  link_valid_days: Generated<number>;
  templates: ColumnType<InvitationTemplates, string | undefined, string>;
  created_at: Timestamp;
}

export type InvitationStatus =
  | 'queued'
  | 'sent'
  | 'bounced'
  | 'complained'
  | 'responded'
  | 'failed'
  | 'cancelled';

export interface InvitationsTable {
  org_id: string;
  invitation_id: Generated<string>;
  rule_id: string | null;
  event_id: string | null;
  survey_id: string;
  contact_id: string;
  account_id: string | null;
  email: string;
  language: string;
  token_hash: string;
  status: Generated<InvitationStatus>;
  scheduled_at: Date | string;
  sent_at: Date | string | null;
  message_id: string | null;
  reminders_sent: Generated<number>;
  last_sent_at: Date | string | null;
  responded_at: Date | string | null;
  error: string | null;
  claimed_until: Date | string | null;
  send_attempts: Generated<number>;
  created_at: Timestamp;
}

export interface EmailSuppressionsTable {
  org_id: string;
  email: string;
  reason: 'bounce' | 'complaint' | 'unsubscribe';
  details: string | null;
  created_at: Timestamp;
}

/** Per-language invitation texts with `{{placeholders}}`; missing parts fall back to the built-in ones. */
export type InvitationTemplates = Record<
  string,
  { subject?: string; text?: string; reminderSubject?: string; reminderText?: string }
>;

export type ReportView = 'overview' | 'forces' | 'accounts' | 'journeys' | 'comments' | 'cases';
export type ReportCadence = 'daily' | 'weekly' | 'monthly';

export interface ReportSchedulesTable {
  org_id: string;
  schedule_id: Generated<string>;
  name: string;
  view: ReportView;
  /** The app's query string (filters) the report is drawn under. */
  filters: Generated<string>;
  cadence: ReportCadence;
  hour_utc: Generated<number>;
  language: Generated<'en' | 'it'>;
  enabled: Generated<boolean>;
  next_run_at: Date | string;
  last_run_at: Date | string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface ReportScheduleRecipientsTable {
  org_id: string;
  schedule_id: string;
  user_id: string;
}

export interface ReportDeliveriesTable {
  org_id: string;
  schedule_id: string;
  run_at: Date | string;
  user_id: string;
  status: Generated<'queued' | 'sent' | 'skipped' | 'failed'>;
  message_id: string | null;
  error: string | null;
  sent_at: Date | string | null;
}

export interface HealthScoreSettingsTable {
  org_id: string;
  settings: Json<import('../domain/accounts/healthScore.ts').HealthSettings>;
  updated_by: string | null;
  updated_at: Timestamp;
}
