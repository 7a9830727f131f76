import { describe, expect, it } from 'vitest';
import { ImportFileError } from '../importFileError.ts';
import { convertQsf } from './convertQsf.ts';

const question = (qid: string, payload: Record<string, unknown>) => ({
  SurveyID: 'SV_test',
  Element: 'SQ',
  PrimaryAttribute: qid,
  Payload: { QuestionID: qid, ...payload },
});

/** A small QSF written for this test: one question of each kind, two blocks, a trash block. */
const qsf = {
  SurveyEntry: { SurveyID: 'SV_test', SurveyName: 'Supplier check', SurveyLanguage: 'EN' },
  SurveyElements: [
    {
      Element: 'BL',
      Payload: [
        { Type: 'Trash', ID: 'BL_trash', BlockElements: [{ Type: 'Question', QuestionID: 'QID9' }] },
        {
          Type: 'Standard',
          ID: 'BL_b',
          Description: 'About you',
          BlockElements: [
            { Type: 'Question', QuestionID: 'QID5' },
            { Type: 'Question', QuestionID: 'QID6' },
          ],
        },
        {
          Type: 'Default',
          ID: 'BL_a',
          Description: 'Block one',
          BlockElements: [
            { Type: 'Question', QuestionID: 'QID1' },
            { Type: 'Question', QuestionID: 'QID2', SkipLogic: [{}] },
            { Type: 'Question', QuestionID: 'QID3' },
            { Type: 'Question', QuestionID: 'QID4' },
            { Type: 'Question', QuestionID: 'QID7' },
            { Type: 'Question', QuestionID: 'QID8' },
          ],
        },
      ],
    },
    {
      Element: 'FL',
      Payload: {
        Type: 'Root',
        Flow: [
          { Type: 'Block', ID: 'BL_a' },
          { Type: 'Branch', Flow: [{ Type: 'Standard', ID: 'BL_b' }] },
        ],
      },
    },
    question('QID1', {
      QuestionText: '<b>How likely</b> are you to recommend&nbsp;us?',
      DataExportTag: 'Q1',
      QuestionType: 'MC',
      Selector: 'NPS',
      Choices: { 0: { Display: 'Not likely' }, 10: { Display: 'Very likely' } },
      ChoiceOrder: [0, 10],
      Validation: { Settings: { ForceResponse: 'ON' } },
    }),
    question('QID2', {
      QuestionText: 'Which fruit?',
      DataExportTag: 'fruit',
      QuestionType: 'MC',
      Selector: 'SAVR',
      Choices: {
        1: { Display: 'Apple' },
        2: { Display: 'Pear' },
        3: { Display: 'Other', TextEntry: 'true' },
      },
      ChoiceOrder: ['2', '1', '3'],
      RecodeValues: { 1: '10', 2: '20', 3: '-1' },
    }),
    question('QID3', {
      QuestionText: 'Pick all',
      DataExportTag: '2pick',
      QuestionType: 'MC',
      Selector: 'MAVR',
      Choices: { 1: { Display: 'A' }, 2: { Display: 'B' } },
    }),
    question('QID4', {
      QuestionText: 'Rate each',
      DataExportTag: 'Q4',
      QuestionType: 'Matrix',
      Selector: 'Likert',
      SubSelector: 'SingleAnswer',
      Choices: { 1: { Display: 'Speed' }, 2: { Display: 'Price' } },
      ChoiceDataExportTags: { 1: 'speed' },
      Answers: { 1: { Display: 'Bad' }, 2: { Display: 'OK' }, 3: { Display: 'Good' } },
    }),
    question('QID5', { QuestionText: 'Comments', DataExportTag: 'Q5', QuestionType: 'TE', Selector: 'ML' }),
    question('QID6', {
      QuestionText: 'Rank them',
      DataExportTag: 'Q6',
      QuestionType: 'RO',
      Selector: 'DND',
      Choices: { 1: { Display: 'X' }, 2: { Display: 'Y' } },
    }),
    question('QID7', {
      QuestionText: 'Side by side',
      DataExportTag: 'Q7',
      QuestionType: 'SBS',
      Selector: 'SBSMatrix',
    }),
    question('QID8', { QuestionText: 'Welcome!', DataExportTag: 'Q8', QuestionType: 'DB', Selector: 'TB' }),
    question('QID9', { QuestionText: 'Deleted', DataExportTag: 'Q9', QuestionType: 'TE', Selector: 'SL' }),
  ],
};

describe('convertQsf', () => {
  it('maps the supported question types, in flow order, and reports the rest by name', () => {
    const result = convertQsf(`\uFEFF${JSON.stringify(qsf)}`);
    expect(result.issues).toEqual([]);
    const definition = result.definition!;
    expect(definition).toMatchObject({
      title: { en: 'Supplier check' },
      languages: ['en'],
      defaultLanguage: 'en',
    });
    expect(definition.pages.map((p) => p.title?.en)).toEqual(['Block one', 'About you']);
    expect(result.converted.map((c) => [c.qid, c.id, c.type])).toEqual([
      ['QID1', 'Q1', 'nps'],
      ['QID2', 'fruit', 'singleChoice'],
      ['QID3', 'Q2pick', 'multipleChoice'],
      ['QID4', 'Q4', 'matrix'],
      ['QID5', 'Q5', 'text'],
      ['QID6', 'Q6', 'ranking'],
    ]);
    const [nps, fruit, , matrix] = definition.pages[0].blocks[0].questions;
    expect(nps).toMatchObject({
      text: { en: 'How likely are you to recommend us?' },
      required: true,
      minLabel: { en: 'Not likely' },
    });
    // Option values are the export's codes (recodes), made value-safe, in display order.
    expect(fruit).toMatchObject({
      options: [
        { value: '20', text: { en: 'Pear' } },
        { value: '10' },
        { value: 'n1', text: { en: 'Other' } },
      ],
    });
    expect(matrix).toMatchObject({
      rows: [{ id: 'speed' }, { id: '2' }],
      scale: { min: 1, max: 3, minLabel: { en: 'Bad' }, maxLabel: { en: 'Good' } },
    });
    expect(result.unsupported).toEqual([
      { qid: 'QID7', tag: 'Q7', type: 'SBS/SBSMatrix', reason: 'question type SBS/SBSMatrix' },
      { qid: 'QID8', tag: 'Q8', type: 'DB/TB', reason: 'display text, no answer' },
    ]);
    expect(result.notes).toEqual([
      'fruit: a choice with a text box became a plain choice (its text is not imported)',
      'fruit: its display or skip logic is not converted',
    ]);
  });

  it('says when nothing can be converted, and names the line of broken JSON', () => {
    const onlySbs = {
      ...qsf,
      SurveyElements: qsf.SurveyElements.filter(
        (e) => e.Element !== 'SQ' || ('PrimaryAttribute' in e && e.PrimaryAttribute === 'QID7'),
      ),
    };
    const result = convertQsf(JSON.stringify(onlySbs));
    expect(result.definition).toBeNull();
    expect(result.issues).toEqual(['no question could be converted']);
    expect(() => convertQsf('{\n  "SurveyEntry": {\n  oops\n}')).toThrow(ImportFileError);
    expect(() => convertQsf('{\n  "SurveyEntry": {\n  oops\n}')).toThrow(/^line 3: not a QSF file/);
    expect(() => convertQsf('[]')).toThrow(/^line 1: not a QSF file/);
  });
});
