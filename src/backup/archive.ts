/** The first line of a backup: what it holds and which schema it was taken from. */
export interface BackupHeader {
  format: 'rapport-organisation-backup';
  formatVersion: 1;
  /** The newest migration of the database it came from; a restore needs the same. */
  schemaVersion: string;
  organisation: { orgId: string; slug: string; name: string };
  takenAt: string;
  /** Every table in foreign-key order with its row count (the sections follow in this order). */
  tables: { name: string; rows: number }[];
}

/** Opens a table's section: its columns, then exactly `rows` lines of one row each. */
export interface SectionHeader {
  table: string;
  columns: string[];
  rows: number;
}

/** The last line: a backup without it was cut short. */
export interface BackupTrailer {
  end: true;
  rows: number;
}

export const BACKUP_FORMAT = 'rapport-organisation-backup';

/** A backup that cannot be restored here; the message says why and nothing was written. */
export class BackupError extends Error {}
