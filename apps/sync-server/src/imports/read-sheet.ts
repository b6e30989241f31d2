import type { ImportCell, ImportRow } from '@cograde/domain';
import type ExcelJS from 'exceljs';

/**
 * Reads an uploaded spreadsheet (.csv or .xlsx) into rows of cells, numbered as a spreadsheet shows them
 * (the header is row 1), and picks the columns an import needs by their header. Grade files (R12) have a
 * candidate and a grade column ("candidate" / "kandidat", "grade" / "karakter"); exam setup reads
 * candidate lists and answers the same way. Without a recognisable header the first columns are used, in
 * order. Returns null when the file cannot be read at all.
 */
export type SheetFormat = 'csv' | 'xlsx';
export type SheetTable = ReadonlyArray<{ row: number; cells: ImportCell[] }>;
export type SheetRow<K extends string> = { row: number } & Record<K, ImportCell>;

const headerText = (c: ImportCell) => (c === null || c === undefined ? '' : String(c).trim());

/** The body rows (the header and empty rows left out) with the cells under the named columns. */
export const pickColumns = <K extends string>(
  table: SheetTable,
  headers: Readonly<Record<K, RegExp>>,
): Array<SheetRow<K>> => {
  const [header, ...body] = table;
  if (header === undefined) return [];
  const names = Object.keys(headers) as K[];
  const found = names.map((k) => header.cells.findIndex((h) => headers[k].test(headerText(h))));
  const at = found.every((i) => i >= 0) ? found : names.map((_, i) => i);
  return body
    .filter((r) => r.cells.some((c) => headerText(c) !== ''))
    .map((r) => {
      const out = { row: r.row } as SheetRow<K>;
      names.forEach((k, i) => {
        (out as Record<K, ImportCell>)[k] = r.cells[at[i] ?? i];
      });
      return out;
    });
};

const gradeColumns = { candidate: /^(candidate|kandidat)/i, grade: /^(grade|karakter)/i };

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

const csvTable = (text: string): SheetTable => {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const first = lines[0] ?? '';
  const separator = first.includes(';') && !first.includes(',') ? ';' : ',';
  return lines.map((line, i) => ({ row: i + 1, cells: splitLine(line, separator) }));
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

const xlsxTable = async (bytes: Uint8Array): Promise<SheetTable | null> => {
  // Loaded on first use: exceljs is large and only imports and exports need it.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
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
    for (let col = 1; col <= Math.max(row.cellCount, 3); col++) cells.push(cellValue(row.getCell(col).value));
    table.push({ row: rowNumber, cells });
  });
  return table;
};

/** Every row of the file's first sheet, or null when it cannot be read as the format says. */
export const readTable = async (format: SheetFormat, bytes: Uint8Array): Promise<SheetTable | null> => {
  if (format === 'xlsx') return xlsxTable(bytes);
  try {
    return csvTable(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
};

/** A grade file (R12): candidate and grade of every row. */
export const readSheet = async (format: SheetFormat, bytes: Uint8Array): Promise<ImportRow[] | null> => {
  const table = await readTable(format, bytes);
  return table === null ? null : pickColumns(table, gradeColumns);
};
