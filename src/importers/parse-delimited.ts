/**
 * A record of delimited text: its cells, the line where it starts (1-based, counting every line break, those
 * inside quoted cells too), the record as written (without its line break), and a problem when it cannot be read.
 */
export type OnRecord = (cells: string[], line: number, text: string, problem: string | undefined) => void;

export interface DelimitedParser {
  /** Parses the records this text completes; an unfinished last record waits for the next push or end(). */
  push(text: string): void;
  /** Parses what is left; throws when a quoted cell is still open. */
  end(): void;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * RFC 4180 text (commas, semicolons or tabs): a cell in double quotes may hold the delimiter, line breaks and
 * doubled quotes (""). Written for speed, since a million-row export goes through here: a line without a quote is
 * cut with split(), only a record with one is read character by character. A leading byte order mark is dropped;
 * lines end in \n or \r\n (or \r alone, in a file that has no \n). Lenient where spreadsheets are: a quote inside
 * an unquoted cell is kept as written (5" screen). Text after a closing quote (`"a"b`) makes the record's problem.
 */
export function createDelimitedParser(delimiter: string, onRecord: OnRecord): DelimitedParser {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new Error(`cannot split cells on ${JSON.stringify(delimiter)}`);
  }
  const separator = delimiter.charCodeAt(0);
  let buffer = '';
  let line = 1;
  let started = false;
  // \n (also for \r\n), or \r in a file whose lines end in \r alone; known at the first line break.
  let lineBreak: '\n' | '\r' | undefined;

  /** One record with a quote in it, from start: where the next record begins, or -1 when the buffer ends first. */
  const quotedRecord = (start: number, final: boolean, breakAt: string): number => {
    const cells: string[] = [];
    let problem: string | undefined;
    let at = start;
    let breaks = 0;
    for (;;) {
      let cell = '';
      const quoted = buffer.charCodeAt(at) === QUOTE;
      if (quoted) {
        let from = at + 1;
        for (;;) {
          const close = buffer.indexOf('"', from);
          if (close === -1) {
            if (final) throw new Error(`line ${line}: a quoted cell is not closed before the end of the file`);
            return -1;
          }
          // A quote at the end of the buffer may be the first of a doubled one: wait for the next character.
          if (close + 1 === buffer.length && !final) return -1;
          cell += buffer.slice(from, close);
          if (buffer.charCodeAt(close + 1) !== QUOTE) {
            at = close + 1;
            break;
          }
          cell += '"';
          from = close + 2;
        }
        for (let index = cell.indexOf(breakAt); index !== -1; index = cell.indexOf(breakAt, index + 1)) breaks++;
      }
      // The cell's unquoted text (after a closing quote, there should be none): up to the delimiter or line end.
      let end = at;
      while (end < buffer.length) {
        const code = buffer.charCodeAt(end);
        if (code === separator || code === LF || (code === CR && breakAt === '\r')) break;
        end++;
      }
      if (end === buffer.length && !final) return -1;
      let rest = buffer.slice(at, end);
      if (buffer.charCodeAt(end) === LF && rest.endsWith('\r')) rest = rest.slice(0, -1);
      if (rest !== '') {
        if (quoted)
          problem ??= `(row): cell ${cells.length + 1} has text after its closing quote; quote the whole cell`;
        cell += rest;
      }
      cells.push(cell);
      at = end + 1;
      if (end === buffer.length || buffer.charCodeAt(end) !== separator) break;
    }
    // The record as written ends where its line break starts (\r\n included), or at the end of the file.
    let recordEnd = Math.min(at - 1, buffer.length);
    if (breakAt === '\n' && buffer.charCodeAt(recordEnd) === LF && buffer.charCodeAt(recordEnd - 1) === CR) recordEnd--;
    onRecord(cells, line, buffer.slice(start, recordEnd), problem);
    line += 1 + breaks;
    return at;
  };

  const parse = (final: boolean) => {
    const breakAt = lineBreak ?? '\n';
    let at = 0;
    // The next quote at or after `at`, found once rather than for every line (-1: none in the buffer).
    let quote = buffer.indexOf('"');
    while (at < buffer.length) {
      let end = buffer.indexOf(breakAt, at);
      if (quote !== -1 && quote < at) quote = buffer.indexOf('"', at);
      if (quote !== -1 && (end === -1 || quote < end)) {
        const next = quotedRecord(at, final, breakAt);
        if (next === -1) break;
        at = next;
        continue;
      }
      if (end === -1) {
        if (!final) break;
        end = buffer.length;
      }
      let text = buffer.slice(at, end);
      if (breakAt === '\n' && text.endsWith('\r')) text = text.slice(0, -1);
      onRecord(text.split(delimiter), line, text, undefined);
      line++;
      at = end + 1;
    }
    buffer = at >= buffer.length ? '' : buffer.slice(at);
  };

  return {
    push(text) {
      if (!started) {
        if (text === '') return;
        started = true;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      buffer += text;
      if (!lineBreak) {
        const first = buffer.search(/[\r\n]/);
        if (first === -1 || first === buffer.length - 1) return;
        lineBreak = buffer[first] === '\r' && buffer[first + 1] !== '\n' ? '\r' : '\n';
      }
      parse(false);
    },
    end() {
      lineBreak ??= buffer.endsWith('\r') ? '\r' : '\n';
      if (buffer !== '') parse(true);
    },
  };
}
