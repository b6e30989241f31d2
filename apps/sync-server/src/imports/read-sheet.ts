import type { ImportCell, ImportRow } from '@cograde/domain';
import ExcelJS from 'exceljs';

/**
 * Reads an uploaded grade file (.csv or .xlsx) into rows of candidate number and grade, numbered as a
 * spreadsheet shows them (the header is row 1). The columns are found by their header ("candidate" /
 * "kandidat", "grade" / "karakter"); without a recognisable header the first two columns are used.
 * Returns null when the file cannot be read at all.
 */
export type SheetFormat = 'csv' | 'xlsx';

const candidateHeader = /^(candidate|kandidat)/i;
const gradeHeader = /^(grade|karakter)/i;

const columnsOf = (header: readonly string[]): { candidate: number; grade: number } => {
  const candidate = header.findIndex((h) => candidateHeader.test(h.trim()));
  const grade = header.findIndex((h) => gradeHeader.test(h.trim()));
  return candidate >= 0 && grade >= 0 ? { candidate, grade } : { candidate: 0, grade: 1 };
};

const toRows = (table: ReadonlyArray<{ row: number; cells: ImportCell[] }>): ImportRow[] => {
  const [header, ...body] = table;
  if (header === undefined) return [];
  const cols = columnsOf(header.cells.map((c) => (c === null || c === undefined ? '' : String(c))));
  return body
    .filter((r) => r.cells.some((c) => c !== null && c !== undefined && String(c).trim() !== ''))
    .map((r) => ({ row: r.row, candidate: r.cells[cols.candidate], grade: r.cells[cols.grade] }));
};

/** One CSV line into cells: quotes with doubled quotes inside, separator `,` or `;` (Norwegian Excel). */
const splitLine = (line: string, separator: string): string[] => {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
};

export const readCsv = (text: string): ImportRow[] => {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const first = lines[0] ?? '';
  const separator = first.includes(';') && !first.includes(',') ? ';' : ',';
  return toRows(lines.map((line, i) => ({ row: i + 1, cells: splitLine(line, separator) })));
};

const cellValue = (value: ExcelJS.CellValue): ImportCell => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean' || value instanceof Date) return String(value);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return null;
};

export const readXlsx = async (bytes: Uint8Array): Promise<ImportRow[] | null> => {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) return [];
  const table: Array<{ row: number; cells: ImportCell[] }> = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: ImportCell[] = [];
    for (let col = 1; col <= Math.max(row.cellCount, 2); col++) cells.push(cellValue(row.getCell(col).value));
    table.push({ row: rowNumber, cells });
  });
  return toRows(table);
};

export const readSheet = async (format: SheetFormat, bytes: Uint8Array): Promise<ImportRow[] | null> => {
  if (format === 'xlsx') return readXlsx(bytes);
  try {
    return readCsv(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
};
