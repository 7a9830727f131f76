import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseClassifyLine, runTextCommand } from './cli.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

describe('rapport text classify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-text-'));
  const file = join(dir, 'comments.jsonl');
  writeFileSync(
    file,
    [
      '{"id": 1, "text": "Invoices are always late and wrong.", "lang": "en"}',
      '{"id": 2, "text": "broken json"',
      '',
      '{"id": 3}',
      '{"id": 4, "text": "Bonjour", "lang": "fr"}',
      '[1, 2]',
      '{"id": "five", "text": "Il portale ci permette di fare tutto da soli."}',
    ].join('\n'),
  );

  it('writes one JSON line per valid input and reports each malformed line with its number', async () => {
    const c = capture();
    expect(await runTextCommand(['classify', '--in', file, '--json'], c.io)).toBe(0);
    const results = c
      .out()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(results.map((r) => r.id)).toEqual([1, 'five']);
    expect(Object.keys(results[0])).toEqual([
      'id',
      'language',
      'sentiment',
      'force',
      'polarity',
      'confidence',
      'secondary',
      'emotions',
      'topics',
    ]);
    expect(results[1].language).toBe('it');
    const err = c.err();
    expect(err).toContain(`${file}:2: skipped: not valid JSON`);
    expect(err).toContain(`${file}:4: skipped: "text" must be a string`);
    expect(err).toContain(`${file}:5: skipped: "lang" must be one of en, it`);
    expect(err).toContain(`${file}:6: skipped: not a JSON object`);
    expect(err).not.toContain(':3:');
    expect(err).toContain('classified 2 comment(s); skipped 4 malformed line(s)');
  });

  it('prints a readable line per comment without --json', async () => {
    const c = capture();
    expect(await runTextCommand(['classify', '--in', file], c.io)).toBe(0);
    expect(c.out().trim().split('\n')).toHaveLength(2);
    expect(c.out().split('\n')[0]).toMatch(/^1\ten\t/);
  });

  it('exits 2 when the file is missing or --in is absent', async () => {
    const c = capture();
    expect(await runTextCommand(['classify', '--in', join(dir, 'missing.jsonl')], c.io)).toBe(2);
    expect(c.err()).toContain('no such file');
    expect(await runTextCommand(['classify'], capture().io)).toBe(2);
    expect(await runTextCommand(['nonsense'], capture().io)).toBe(2);
  });
});

describe('parseClassifyLine', () => {
  it('accepts an id, a text and an optional language', () => {
    expect(parseClassifyLine('{"id":"a","text":"ok"}')).toEqual({ id: 'a', text: 'ok' });
    expect(parseClassifyLine('{"id":7,"text":"ok","lang":"it"}')).toEqual({
      id: 7,
      text: 'ok',
      language: 'it',
    });
    expect(parseClassifyLine('{"text":"ok"}')).toEqual({ error: '"id" must be a string or a number' });
  });
});
