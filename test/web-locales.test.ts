import { describe, expect, it } from 'vitest';
import en from '../web/src/i18n/locales/en.json' with { type: 'json' };
import ja from '../web/src/i18n/locales/ja.json' with { type: 'json' };

/** Every key path of a resource file, e.g. "portfolio.summary.mrr". */
function keys(resource: object, prefix = ''): string[] {
  return Object.entries(resource).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('the web app speaks English and Japanese completely', () => {
  it('has the same keys in both languages, none empty', () => {
    expect(keys(ja).sort()).toEqual(keys(en).sort());
    const empty = (resource: object) =>
      keys(resource).filter(
        (path) =>
          path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], resource) === '',
      );
    expect(empty(en)).toEqual([]);
    expect(empty(ja)).toEqual([]);
  });

  it('the check notices a key missing from one language', () => {
    // One key fewer in Japanese: the lists differ by exactly that key.
    const { signIn: _, ...withoutSignIn } = ja;
    expect(keys(withoutSignIn).length).toBe(keys(en).length - keys(en.signIn).length);
  });
});
