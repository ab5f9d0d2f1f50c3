import fc from 'fast-check';

// Generators of the input a careless or hostile caller sends: text with U+0000 and lone surrogates, numbers past
// what any column holds, dates outside any calendar, wrong types, deep nesting. Shared by the fuzz suites.

/** Code units that have broken something somewhere: NUL, lone surrogate halves, escapes, SQL and URL characters. */
const nastyUnit = fc.constantFrom(
  '\u0000',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
  '\uffff',
  '\ufeff',
  '\u202e',
  '😀',
  '\\',
  '"',
  "'",
  '%',
  '%00',
  '\n',
  '\r',
  ',',
  ';',
  ' ',
  '$1',
  'a',
  'Z',
  '0',
  '-',
  ':',
  '.',
);

/** Texts that are almost values: dates at and past the edges, numbers as text, ids, JSON as text. */
const nearMisses = fc.constantFrom(
  '',
  ' ',
  '9999-12-31',
  '9999-12-31T23:00:00-05:00',
  '10000-01-01T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '0000-01-01',
  '0001-01-01T00:30:00+01:00',
  '2026-02-30',
  '2026-03-01T25:00:00Z',
  '1e309',
  '-1e309',
  'NaN',
  'Infinity',
  '-0',
  '99999999999999999999999',
  '0.0000000000000000000001',
  'null',
  'true',
  '[]',
  '{}',
  '{"$gt":""}',
  '__proto__',
  'constructor',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'not-a-uuid',
  "'; drop table accounts; --",
  'high_touch',
  'onboarding',
  'track',
  'nps',
  'USD',
  'JP',
  'a'.repeat(300),
  'x'.repeat(5000),
);

export const badString: fc.Arbitrary<string> = fc.oneof(
  nearMisses,
  fc.string({ unit: nastyUnit, maxLength: 12 }),
  fc.tuple(nearMisses, nastyUnit).map(([text, unit]) => `${text}${unit}`),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

export const badNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -1, 1.5, -0.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e21, 1e308, -1e308, Number.MIN_VALUE),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const leaf: fc.Arbitrary<unknown> = fc.oneof(badString, badNumber, fc.boolean(), fc.constant(null));

/** Any JSON value, keys included, built from bad leaves; at most a few levels deep. */
export const badJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(badString, tie('value'), { maxKeys: 4 }),
})).value;

/** A JSON text nested `depth` levels deep, as arrays or objects. */
export const deepJsonText = (depth: number, kind: 'array' | 'object') =>
  kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

export const deepJson = fc
  .tuple(
    fc.oneof(fc.integer({ min: 60, max: 70 }), fc.integer({ min: 400, max: 6000 })),
    fc.constantFrom('array', 'object'),
  )
  .map(([depth, kind]) => deepJsonText(depth, kind as 'array' | 'object'));

/**
 * A value for a field: bad or a good-looking one, so that the input also gets past validation into the handler and
 * the database. `goodWeight` to 4 against bad: 2 usually bad, 16 mostly good.
 */
export const fieldValue = (good: fc.Arbitrary<unknown>, goodWeight = 2): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 3, arbitrary: leaf }, { weight: 1, arbitrary: badJson }, { weight: goodWeight, arbitrary: good });

/**
 * A text as it can go in a URL: percent-encoded as UTF-8, a lone surrogate as the bytes a careless encoder writes
 * for it (CESU-8), which are not UTF-8.
 */
export function urlEncode(text: string): string {
  return [...text]
    .map((char) => {
      const code = char.codePointAt(0) as number;
      if (code >= 0xd800 && code <= 0xdfff) {
        return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
          .map((byte) => `%${byte.toString(16).toUpperCase()}`)
          .join('');
      }
      return encodeURIComponent(char);
    })
    .join('');
}
