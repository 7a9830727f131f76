/**
 * Every column that points at an account or a contact. A merge moves all of them from the losing
 * row to the survivor; a new table with such a column must be added here (a test compares this list
 * with the database's columns, so a forgotten one fails the build).
 */
export const ACCOUNT_REFERENCES = [
  { table: 'contacts', column: 'account_id' },
  { table: 'responses', column: 'account_id' },
  { table: 'comments', column: 'account_id' },
  { table: 'survey_tokens', column: 'account_id' },
  { table: 'heard_contacts', column: 'account_id' },
  { table: 'crm_events', column: 'account_id' },
  { table: 'invitations', column: 'account_id' },
  { table: 'cases', column: 'account_id' },
] as const;

export const CONTACT_REFERENCES = [
  { table: 'responses', column: 'contact_id' },
  { table: 'comments', column: 'contact_id' },
  { table: 'survey_tokens', column: 'contact_id' },
  { table: 'crm_events', column: 'contact_id' },
  { table: 'invitations', column: 'contact_id' },
  { table: 'cases', column: 'contact_id' },
] as const;

/**
 * Columns named account_id or contact_id that a merge handles differently: the account rollups are
 * recomputed, heard_contacts is keyed by contact (so it is folded, not updated), and the tables
 * that own the ids themselves.
 */
export const HANDLED_APART = new Set([
  'accounts.account_id',
  'contacts.contact_id',
  'rollup_account_monthly.account_id',
  'heard_contacts.contact_id',
]);
