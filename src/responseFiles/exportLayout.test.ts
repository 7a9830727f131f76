import { describe, expect, it } from 'vitest';
import type { CsvRecord } from './csvSplitter.ts';
import { exportLayout } from './exportLayout.ts';

const records = (...rows: string[][]): CsvRecord[] => rows.map((fields, i) => ({ fields, line: i + 1 }));

describe('exportLayout', () => {
  it('recognises the three Qualtrics shapes and LimeSurvey, and where the response metadata is', () => {
    const current = exportLayout(
      'qualtrics',
      records(
        ['RecordedDate', 'ResponseId', 'Q1'],
        ['Recorded Date', 'Response ID', 'Recommend?'],
        ['{"ImportId":"recordedDate"}', '{"ImportId":"_recordId"}', '{"ImportId":"QID1"}'],
      ),
    );
    expect(current).toMatchObject({
      shape: 'qualtrics',
      headerRows: 3,
      meta: { submittedAt: 0, responseId: 1 },
    });
    expect(current.columns[2]).toEqual({ index: 2, name: 'Q1', label: 'Recommend?', importId: 'QID1' });
    const insights = exportLayout(
      'qualtrics',
      records(
        ['ResponseID', 'EndDate', 'Q1'],
        ['ResponseID', 'EndDate', 'Q?'],
        ["{'ImportId': 'responseId'}", "{'ImportId': 'endDate'}", "{'ImportId': 'QID1'}"],
      ),
    );
    expect(insights).toMatchObject({ shape: 'qualtrics-2016', meta: { responseId: 0, submittedAt: 1 } });
    expect(insights.columns[2].importId).toBe('QID1');
    const legacy = exportLayout(
      'qualtrics',
      records(['V1', 'V2', 'V9', 'Q1'], ['ResponseID', 'ResponseSet', 'EndDate', 'Recommend?']),
    );
    expect(legacy).toMatchObject({
      shape: 'qualtrics-legacy',
      headerRows: 2,
      meta: { responseId: 0, submittedAt: 2 },
    });
    const lime = exportLayout(
      'limesurvey',
      records(['Response ID', 'Date submitted', 'Start language', 'Q?']),
    );
    expect(lime).toMatchObject({
      shape: 'limesurvey',
      headerRows: 1,
      meta: { responseId: 0, submittedAt: 1, language: 2 },
    });
  });

  it('refuses files that are not the promised export, naming the line', () => {
    expect(() => exportLayout('qualtrics', [])).toThrow('line 1: the file is empty');
    expect(() =>
      exportLayout('qualtrics', records(['StartDate', 'ResponseId'], ['Start', 'Response ID'])),
    ).toThrow(/^line 3: a Qualtrics export has three header rows/);
    expect(() =>
      exportLayout('qualtrics', records(['StartDate', 'ResponseId'], ['a', 'b'], ['2024-01-01', 'R_1'])),
    ).toThrow(/^line 3: expected the third header row of a Qualtrics export/);
    expect(() => exportLayout('qualtrics', records(['name', 'score'], ['Ann', '3'], ['Bob', '4']))).toThrow(
      /^line 3: not a Qualtrics export/,
    );
    expect(() => exportLayout('limesurvey', records(['name', 'score']))).toThrow(
      /^line 1: not a LimeSurvey "R data file" export/,
    );
    expect(() => exportLayout('limesurvey', records(['id', 'score']))).not.toThrow();
    expect(() => exportLayout('qualtrics', records(['V1', 'V2'], ['Name', 'Score']))).toThrow(
      /^line 1: no response id column/,
    );
  });
});
