export interface CsvRecord {
  /** 1-based line of the file where the record starts, as a spreadsheet numbers it. */
  line: number;
  fields: string[];
}

export interface CsvProblem {
  line: number;
  reason: string;
}

export interface ParsedCsv {
  records: CsvRecord[];
  problems: CsvProblem[];
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const BOM = 0xfeff;

/**
 * RFC 4180 as spreadsheets write it: comma-separated, fields optionally in double quotes with
 * `""` for a quote, quoted fields may hold commas and line breaks; records end with CRLF, LF or a
 * lone CR; a leading byte-order mark is dropped. A quote inside an unquoted field is kept as
 * text. A record that cannot be read (text after a closing quote, a quote never closed) becomes
 * a problem with its line number and the next line is read on its own, so one broken line does
 * not lose the rest of the file.
 */
export function parseCsv(text: string): ParsedCsv {
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  const end = text.length;
  let i = text.charCodeAt(0) === BOM ? 1 : 0;
  let line = 1;

  /** Past the line break at `i` (if any); counts the line. */
  const endLine = () => {
    if (text.charCodeAt(i) === CR) i++;
    if (text.charCodeAt(i) === LF) i++;
    line++;
  };
  const skipRestOfLine = () => {
    while (i < end && text.charCodeAt(i) !== CR && text.charCodeAt(i) !== LF) i++;
    endLine();
  };

  while (i < end) {
    const startLine = line;
    const fields: string[] = [];
    let problem: string | null = null;
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        const parts: string[] = [];
        let from = ++i;
        let closed = false;
        while (i < end) {
          const code = text.charCodeAt(i);
          if (code === QUOTE) {
            parts.push(text.slice(from, i));
            if (text.charCodeAt(i + 1) === QUOTE) {
              parts.push('"');
              i += 2;
              from = i;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (code === LF || (code === CR && text.charCodeAt(i + 1) !== LF)) line++;
          i++;
        }
        if (!closed) {
          problem = 'a quoted field is never closed';
          // The rest of the file is inside the quotes: nothing after it can be trusted.
          i = end;
          break;
        }
        const next = text.charCodeAt(i);
        if (i < end && next !== COMMA && next !== CR && next !== LF) {
          problem = 'text after the closing quote of a field';
          skipRestOfLine();
          break;
        }
        fields.push(parts.join(''));
      } else {
        const from = i;
        while (i < end) {
          const code = text.charCodeAt(i);
          if (code === COMMA || code === CR || code === LF) break;
          i++;
        }
        fields.push(text.slice(from, i));
      }
      if (text.charCodeAt(i) === COMMA) {
        i++;
        continue;
      }
      endLine();
      break;
    }
    if (problem === null) records.push({ line: startLine, fields });
    else problems.push({ line: startLine, reason: problem });
  }
  return { records, problems };
}
