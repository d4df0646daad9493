import { PassThrough, Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';

/**
 * One CSV file of a bundle, read with `csv-parse` as a stream. Rows keep their line number (the
 * header is line 1; a quoted field spanning lines counts every line). Columns are found by header
 * name, any case, in any order; other columns (`ext_*`, `metadata.*`) are ignored.
 *
 * A line the parser cannot read (a quote never closed, text after a closing quote) is reported
 * with its line and column, and reading goes on with the next line: the parser is started again
 * on the rest of the file, so one broken line never loses the others.
 */

export interface CsvSource {
  /** The file name as it appears in the bundle, e.g. `users.csv`. */
  name: string;
  /** Size in bytes, when known (for the progress bar). */
  size: number | null;
  /** A fresh stream of the file's bytes; called again to resume after a broken line. */
  open(): Promise<Readable>;
}

export interface CsvRow {
  line: number;
  fields: string[];
}

export interface CsvProblem {
  line: number;
  /** The header of the field at fault, when known. */
  column: string | null;
  message: string;
}

export interface CsvTable {
  file: string;
  header: string[];
  rows: CsvRow[];
  /** Lines that could not be read; none of them is in `rows`. */
  problems: CsvProblem[];
}

/** Longest record accepted, in characters: a quote left open would otherwise swallow the file. */
const MAX_RECORD_SIZE = 1_000_000;

const LINE_BREAKS = /\r\n|\r|\n/g;

/** Physical line breaks in a record's raw text (its own trailing break included). */
function lineBreaks(raw: string): number {
  return raw.match(LINE_BREAKS)?.length ?? 0;
}

function describe(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed; this line was skipped';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'text follows a closing quote (quote the whole field and double the quotes inside it); this line was skipped';
    case 'CSV_MAX_RECORD_SIZE':
      return `a record is longer than ${MAX_RECORD_SIZE.toLocaleString('en-US')} characters (a quote left open?); this line was skipped`;
    default:
      return `${error.message.replace(/ at line \d+.*$/, '')}; this line was skipped`;
  }
}

/**
 * Drops the first `bytes` bytes, then everything up to and including the next line break;
 * `dropped` is then the offset in the file where what it passes on begins.
 */
function resumeAfterLine(bytes: number): Transform & { dropped: number } {
  let toSkip = bytes;
  let lineDone = false;
  let sawCR = false;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      const before = chunk.length;
      let rest = chunk;
      const finish = (out: Buffer | null) => {
        stream.dropped += before - (out?.length ?? 0);
        done(null, out ?? undefined);
      };
      if (lineDone) return done(null, rest);
      if (toSkip > 0) {
        if (rest.length <= toSkip) {
          toSkip -= rest.length;
          return finish(null);
        }
        rest = rest.subarray(toSkip);
        toSkip = 0;
      }
      if (sawCR) {
        if (rest[0] === 0x0a) rest = rest.subarray(1);
        lineDone = true;
        return finish(rest);
      }
      const at = rest.findIndex((b) => b === 0x0a || b === 0x0d);
      if (at < 0) return finish(null);
      if (rest[at] === 0x0a) {
        lineDone = true;
        return finish(rest.subarray(at + 1));
      }
      if (at + 1 < rest.length) {
        lineDone = true;
        return finish(rest.subarray(rest[at + 1] === 0x0a ? at + 2 : at + 1));
      }
      sawCR = true;
      return finish(null);
    },
  }) as Transform & { dropped: number };
  stream.dropped = 0;
  return stream;
}

/** Reads a whole CSV file; `onBytes` reports bytes as they are read (first pass only). */
export async function readCsv(source: CsvSource, onBytes?: (bytes: number) => void): Promise<CsvTable> {
  const table: CsvTable = { file: source.name, header: [], rows: [], problems: [] };
  /** Where the current pass starts in the file, in bytes, and on which line. */
  let start = 0;
  let firstLine = 1;
  let headerRead = false;
  for (let pass = 0; ; pass++) {
    let nextLine = firstLine;
    let consumed = 0;
    const parser = parse({
      bom: pass === 0,
      relax_column_count: true,
      relax_quotes: true,
      trim: true,
      raw: true,
      max_record_size: MAX_RECORD_SIZE,
      on_record: (value, context) => {
        // With `raw`, each record comes as { record, raw }.
        const { record: fields, raw } = value as unknown as { record: string[]; raw: string };
        const line = nextLine;
        nextLine += lineBreaks(raw);
        consumed = context.bytes;
        // Blank lines, and lines of empty fields only (spreadsheet leftovers), are no rows.
        if (fields.every((f) => f === '')) return null;
        if (!headerRead) {
          table.header = fields;
          headerRead = true;
        } else {
          table.rows.push({ line, fields });
        }
        return null;
      },
    });
    const raw = await source.open();
    const resume = pass === 0 ? null : resumeAfterLine(start);
    const counted = new PassThrough();
    if (pass === 0 && onBytes) counted.on('data', (chunk: Buffer) => onBytes(chunk.length));
    try {
      await (resume ? pipeline(raw, resume, parser) : pipeline(raw, counted, parser));
      return table;
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      const index = (error as CsvError & { index?: number }).index;
      if (!headerRead) {
        const why = describe(error).replace(/; this line was skipped$/, '');
        table.problems.push({ line: nextLine, column: null, message: `the header cannot be read (${why}), so no row of the file was read` });
        return table;
      }
      table.problems.push({
        line: nextLine,
        column: typeof index === 'number' ? (table.header[index] ?? null) : null,
        message: describe(error),
      });
      // Start again after the first line of the record that failed.
      const failedAt = (resume?.dropped ?? 0) + consumed;
      start = failedAt;
      firstLine = nextLine + 1;
    }
  }
}

/** Column lookup by header name: case-insensitive, with aliases some exports use. */
export class Columns {
  private readonly index = new Map<string, number>();
  readonly duplicates: string[] = [];

  constructor(
    readonly header: string[],
    aliases: Record<string, string> = {},
  ) {
    header.forEach((name, i) => {
      const key = name.trim().toLowerCase();
      const canonical = aliases[key]?.toLowerCase() ?? key;
      if (this.index.has(canonical)) {
        this.duplicates.push(name);
        return;
      }
      this.index.set(canonical, i);
    });
  }

  has(name: string): boolean {
    return this.index.has(name.toLowerCase());
  }

  /** The header as written in the file, or the spec's name when the column is absent. */
  nameOf(name: string): string {
    const i = this.index.get(name.toLowerCase());
    return i === undefined ? name : (this.header[i] ?? name);
  }

  /** The trimmed value, `undefined` when the file has no such column. */
  get(row: CsvRow, name: string): string | undefined {
    const i = this.index.get(name.toLowerCase());
    if (i === undefined) return undefined;
    return (row.fields[i] ?? '').trim();
  }
}
