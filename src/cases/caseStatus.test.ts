import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, isOpen, mayMove, moveCase, StatusChangeRefused } from './caseStatus.ts';

describe('case life cycle', () => {
  it('follows new → in progress → waiting on customer → resolved → closed', () => {
    let status = moveCase('new', 'in_progress');
    status = moveCase(status, 'waiting_on_customer');
    status = moveCase(status, 'resolved');
    status = moveCase(status, 'closed');
    expect(status).toBe('closed');
  });

  it('reopens only resolved or closed cases, and a reopened case is worked again', () => {
    expect(mayMove('resolved', 'reopened')).toBe(true);
    expect(mayMove('closed', 'reopened')).toBe(true);
    expect(mayMove('in_progress', 'reopened')).toBe(false);
    expect(mayMove('reopened', 'in_progress')).toBe(true);
  });

  it('refuses skipping back or closing an unresolved case', () => {
    expect(() => moveCase('new', 'closed')).toThrow(StatusChangeRefused);
    expect(() => moveCase('closed', 'in_progress')).toThrow(/cannot become in_progress/);
    for (const status of CASE_STATUSES) expect(mayMove(status, status)).toBe(false);
  });

  it('open means someone still has to act', () => {
    expect(CASE_STATUSES.filter(isOpen)).toEqual(['new', 'in_progress', 'waiting_on_customer', 'reopened']);
  });
});
