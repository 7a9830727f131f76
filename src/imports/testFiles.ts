import ExcelJS from 'exceljs';

/** Test fixtures: bytes as they would arrive, split into small chunks to exercise the streaming readers. */
export async function* chunked(bytes: Buffer | string, size = 7): AsyncGenerator<Buffer> {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  for (let at = 0; at < buffer.length; at += size) yield buffer.subarray(at, at + size);
}

/** An XLSX workbook with one sheet holding `rows` (the first row is the header). */
export async function xlsxOf(rows: unknown[][], sheetName = 'Sheet1'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
