import { describe, expect, it } from 'vitest';
import { createDelimitedParser } from './parse-delimited.js';

type Parsed = [number, string[], string, string?][];

/** Parses the text pushed in the given pieces. */
function parse(pieces: string[], delimiter = ','): Parsed {
  const records: Parsed = [];
  const parser = createDelimitedParser(delimiter, (cells, line, text, problem) =>
    records.push(problem ? [line, cells, text, problem] : [line, cells, text]),
  );
  for (const piece of pieces) parser.push(piece);
  parser.end();
  return records;
}

/** Parses the text whole, then cut in two at every place: where a file's pieces break must change nothing. */
function everySplit(text: string, delimiter = ','): Parsed {
  const whole = parse([text], delimiter);
  for (let at = 1; at < text.length; at++) {
    expect(parse([text.slice(0, at), text.slice(at)], delimiter), `cut at ${at}`).toEqual(whole);
  }
  return whole;
}

describe('createDelimitedParser', () => {
  it('reads plain lines, \\r\\n or \\n, a last line without a break, and empty lines as one empty cell', () => {
    expect(everySplit('a,b,c\r\n1,,3\n\nx,y,z')).toEqual([
      [1, ['a', 'b', 'c'], 'a,b,c'],
      [2, ['1', '', '3'], '1,,3'],
      [3, [''], ''],
      [4, ['x', 'y', 'z'], 'x,y,z'],
    ]);
  });

  it('reads quoted cells with delimiters, doubled quotes and line breaks, counting lines from where a record starts', () => {
    expect(everySplit('id,note\n1,"a, b"\r\n2,"say ""hi"""\n3,"two\nlines"\n4,""\n5,last\n')).toEqual([
      [1, ['id', 'note'], 'id,note'],
      [2, ['1', 'a, b'], '1,"a, b"'],
      [3, ['2', 'say "hi"'], '2,"say ""hi"""'],
      [4, ['3', 'two\nlines'], '3,"two\nlines"'],
      [6, ['4', ''], '4,""'],
      [7, ['5', 'last'], '5,last'],
    ]);
  });

  it('keeps a quote inside an unquoted cell as written, and flags text after a closing quote', () => {
    expect(everySplit('1,5" screen,x\n2,"a"b,y\n"3"')).toEqual([
      [1, ['1', '5" screen', 'x'], '1,5" screen,x'],
      [2, ['2', 'ab', 'y'], '2,"a"b,y', '(row): cell 2 has text after its closing quote; quote the whole cell'],
      [3, ['3'], '"3"'],
    ]);
  });

  it('drops a byte order mark, splits on semicolons or tabs, and reads \\r alone as the line break', () => {
    expect(everySplit('\uFEFFa;b\r1;"x;y"\r', ';')).toEqual([
      [1, ['a', 'b'], 'a;b'],
      [2, ['1', 'x;y'], '1;"x;y"'],
    ]);
    expect(parse(['a\tb\n1\t2\n'], '\t')).toEqual([
      [1, ['a', 'b'], 'a\tb'],
      [2, ['1', '2'], '1\t2'],
    ]);
  });

  it('fails, naming the line, on a quoted cell that the file never closes', () => {
    expect(() => parse(['a,b\n1,"open\n2,3\n'])).toThrow(
      'line 2: a quoted cell is not closed before the end of the file',
    );
  });
});
