import ExcelJS from 'exceljs';

export type TableCell = string | number | null;

/**
 * A table as shown in the app, as an XLSX workbook: one sheet, a bold header row, numbers kept as
 * numbers. exceljs writes every string as a string cell, so a cell starting with "=" stays text and
 * is never a formula.
 */
export async function tableWorkbook(table: {
  title: string;
  columns: string[];
  rows: TableCell[][];
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Rapport';
  // Sheet names may not hold : \ / ? * [ ] and are at most 31 characters.
  const sheet = workbook.addWorksheet(table.title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Table');
  sheet.addRow(table.columns).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((cell) => cell ?? ''));
  sheet.columns.forEach((column, index) => {
    const longest = Math.max(
      table.columns[index]?.length ?? 0,
      ...table.rows.map((row) => String(row[index] ?? '').length),
    );
    column.width = Math.min(60, Math.max(8, longest + 2));
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
