import { describe, expect, it } from 'vitest';
import { detectFeedbackFormat, feedbackImportKey, parseFeedback } from './parseFeedback.ts';

describe('parseFeedback', () => {
  it('reads CSV with any header spelling, numbering records by their line', () => {
    const csv = [
      'Source,Date,Rating,Text,Author Email,account_external_id,Domain,ID,extra',
      'review,2025-03-14,4,"Great support, fast answers",Ann@Acme.example,,,G-1,x',
      'ticket,2025-03-15T09:30:00Z,,"Invoice wrong',
      'again",,CRM-7,,T-9,y',
      '',
      'social,2025-03-16,,Love the new portal,,,https://www.beta.example/about,,',
    ].join('\n');
    const { format, records, errors } = parseFeedback(csv);
    expect(format).toBe('csv');
    expect(errors).toEqual([]);
    expect(records.map((r) => r.line)).toEqual([2, 4, 6]);
    expect(records[0]).toMatchObject({
      source: 'review',
      date: '2025-03-14T00:00:00.000Z',
      rating: 4,
      text: 'Great support, fast answers',
      authorEmail: 'ann@acme.example',
      externalId: 'G-1',
      importKey: 'ext:review:G-1',
    });
    expect(records[1]).toMatchObject({
      text: 'Invoice wrong\nagain',
      accountExternalId: 'CRM-7',
      rating: null,
    });
    expect(records[2]).toMatchObject({ domain: 'beta.example', externalId: null });
    expect(records[2].importKey).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('names every bad line and field, and the default source fills blanks only', () => {
    const csv = [
      'source,date,rating,text,email',
      ',2025-01-02,5,Fine,',
      'blog,2025-01-02,5,Fine,',
      'review,14/03/2025,five,,not-an-email',
      'review,2025-02-30,1,Bad,',
    ].join('\n');
    const { records, errors } = parseFeedback(csv, { source: 'review' });
    expect(records.map((r) => [r.line, r.source])).toEqual([[2, 'review']]);
    const byLine = (line: number) => errors.filter((e) => e.line === line).map((e) => e.field);
    expect(byLine(3)).toEqual(['source']);
    expect(byLine(4).sort()).toEqual(['authorEmail', 'date', 'rating', 'text']);
    expect(byLine(5)).toEqual(['date']);
  });

  it('refuses a CSV without a text column and reports broken quoting with its line', () => {
    expect(parseFeedback('source,date\nreview,2025-01-01\n').errors).toEqual([
      { line: 1, field: 'text', message: 'the header has no text column' },
    ]);
    const broken = parseFeedback('source,date,text\nreview,2025-01-01,"never closed\n');
    expect(broken.records).toEqual([]);
    expect(broken.errors[0].field).toBe('csv');
  });

  it('reads a JSON array by position and JSON Lines by line', () => {
    const array = parseFeedback(
      JSON.stringify([
        { source: 'email', date: '2025-01-02', text: 'Thanks for the quick fix', rating: 9 },
        { source: 'email', date: '2025-01-02' },
        'text',
      ]),
    );
    expect(array.format).toBe('json');
    expect(array.records).toHaveLength(1);
    expect(array.errors.map((e) => [e.line, e.field])).toEqual([
      [2, 'text'],
      [3, 'record'],
    ]);
    const lines = parseFeedback(
      '{"date":"2025-01-02","text":"Slow"}\n\n{oops}\n{"date":"2025-01-03","text":"Quick"}\n',
      { source: 'ticket' },
    );
    expect(lines.records.map((r) => [r.line, r.source])).toEqual([
      [1, 'ticket'],
      [4, 'ticket'],
    ]);
    expect(lines.errors.map((e) => [e.line, e.field])).toEqual([[3, 'json']]);
  });

  it('keys a record by its content when it has no id, so an edited text is new', () => {
    const base = {
      source: 'review' as const,
      externalId: null,
      date: '2025-01-02',
      authorEmail: 'A@x.example',
      text: 'Good',
    };
    expect(feedbackImportKey(base)).toBe(feedbackImportKey({ ...base, authorEmail: 'a@x.example' }));
    expect(feedbackImportKey(base)).not.toBe(feedbackImportKey({ ...base, text: 'Good!' }));
    expect(feedbackImportKey({ ...base, externalId: '7' })).toBe('ext:review:7');
    expect(detectFeedbackFormat('\uFEFF [')).toBe('json');
    expect(detectFeedbackFormat('text\n')).toBe('csv');
  });
});
