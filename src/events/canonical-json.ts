/**
 * JSON with the keys of every object in sorted order: equal content gives equal text, whatever the key order.
 * Otherwise as JSON.stringify: toJSON is applied (dates), undefined properties are left out.
 */
export function canonicalJson(value: unknown): string {
  return canonical(value) ?? 'null';
}

function canonical(value: unknown): string | undefined {
  let plain = value;
  if (plain !== null && typeof plain === 'object' && typeof (plain as { toJSON?: unknown }).toJSON === 'function') {
    plain = (plain as { toJSON(): unknown }).toJSON();
  }
  if (plain === null || typeof plain !== 'object') return JSON.stringify(plain);
  if (Array.isArray(plain)) return `[${plain.map((item) => canonical(item) ?? 'null').join(',')}]`;
  const object = plain as Record<string, unknown>;
  let members = '';
  for (const key of Object.keys(object).sort()) {
    const text = canonical(object[key]);
    if (text !== undefined) members += `${members ? ',' : ''}${JSON.stringify(key)}:${text}`;
  }
  return `{${members}}`;
}
