// zod writes each schema on its own; an OpenAPI document needs its definitions in one place.

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/**
 * The document with every schema's own `$defs` moved to `components.schemas`. zod writes each schema on its own, with
 * `$ref: "#/$defs/Name"` meaning "in this schema", but in an OpenAPI document `#` is the document's root, so
 * openapi-typescript (like any generator) cannot resolve them. A name used for two different definitions (zod's
 * `__schema0` for recursive parts) gets a suffix.
 */
export function hoistDefinitions(document: Json): Json {
  const copy = structuredClone(document);
  const components = ((copy.components as Json | undefined) ?? {}) as Json;
  const schemas = ((components.schemas as Json | undefined) ?? {}) as Json;
  const rename = (definitions: Json): Map<string, string> => {
    const names = new Map<string, string>();
    for (const [name, definition] of Object.entries(definitions)) {
      let unique = name;
      for (let n = 2; unique in schemas && JSON.stringify(schemas[unique]) !== JSON.stringify(definition); n++) {
        unique = `${name}${n}`;
      }
      names.set(name, unique);
    }
    return names;
  };
  const rewrite = (node: unknown, names: Map<string, string>): void => {
    if (Array.isArray(node)) {
      for (const item of node) rewrite(item, names);
      return;
    }
    if (!isObject(node)) return;
    let scope = names;
    if (isObject(node.$defs)) {
      const definitions = node.$defs;
      delete node.$defs;
      scope = new Map([...names, ...rename(definitions)]);
      for (const [name, definition] of Object.entries(definitions)) {
        rewrite(definition, scope);
        schemas[scope.get(name) as string] = definition;
      }
    }
    const ref = typeof node.$ref === 'string' ? /^#\/\$defs\/(.+)$/.exec(node.$ref) : null;
    if (ref?.[1]) node.$ref = `#/components/schemas/${scope.get(ref[1]) ?? ref[1]}`;
    for (const [key, value] of Object.entries(node)) if (key !== '$ref') rewrite(value, scope);
  };
  // The components' own schemas: Error is `{ $ref: "#/$defs/Error", $defs: { Error } }`, i.e. its definition.
  for (const [name, schema] of Object.entries(schemas)) {
    const own = isObject(schema) && isObject(schema.$defs) ? schema.$defs[name] : undefined;
    if (isObject(schema) && schema.$ref === `#/$defs/${name}` && isObject(own)) schemas[name] = own;
  }
  rewrite(copy.paths, new Map());
  copy.components = { ...components, schemas };
  return copy;
}
