import { type ReactNode, useRef, useState } from 'react';
import { postForFile } from '../api/client.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { fileStem, readTable, tableCsv } from './tableExport.ts';

function saveFile(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A table with "CSV" and "XLSX" downloads of exactly what it shows (the filters and scope already
 * applied). CSV is written in the browser; XLSX by the API (exceljs stays out of the app's bundle).
 */
export function ExportableTable(props: { name: string; children: ReactNode }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const table = () => box.current?.querySelector('table') ?? null;
  const stem = fileStem(props.name);
  const csv = () => {
    const element = table();
    if (!element) return;
    // The byte-order mark makes spreadsheet programs read the file as UTF-8.
    saveFile(
      new Blob(['\uFEFF', tableCsv(readTable(element))], { type: 'text/csv;charset=utf-8' }),
      `${stem}.csv`,
    );
  };
  const xlsx = async () => {
    const element = table();
    if (!element) return;
    setProblem(null);
    try {
      saveFile(
        await postForFile('/exports/table.xlsx', { title: props.name, ...readTable(element) }),
        `${stem}.xlsx`,
      );
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  return (
    <div className="exportable" ref={box}>
      <fieldset className="export-tools">
        <legend className="visually-hidden">{t('export.group', { name: props.name })}</legend>
        <button type="button" className="secondary small" onClick={csv}>
          {t('export.csv')}
        </button>
        <button type="button" className="secondary small" onClick={xlsx}>
          {t('export.xlsx')}
        </button>
        {problem && (
          <span role="alert" className="error">
            {t('app.error', { message: problem })}
          </span>
        )}
      </fieldset>
      {props.children}
    </div>
  );
}
