import { describe, expect, it } from 'vitest';
import { importKinds } from './import-kinds.js';

describe('import kinds', () => {
  it.each(Object.values(importKinds).filter((kind) => kind.spec))(
    '$name give a type to every field of the API schema',
    (kind) => {
      expect(Object.keys(kind.fields).sort()).toEqual(Object.keys(kind.spec?.create.shape ?? {}).sort());
    },
  );
});
