/**
 * The JSON Canonicalization Scheme (RFC 8785) for the JSON the results file holds: object keys
 * sorted by UTF-16 code units, numbers in ECMAScript's shortest form, strings with JSON's minimal
 * escaping, no whitespace. The same bytes on every machine, so a signature over them holds.
 */
export function canonicalize(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`RFC 8785 has no form for ${value}`);
      // Number → string is ECMAScript's shortest round-trip form, as RFC 8785 §3.2.2.3 requires (−0 becomes 0).
      return JSON.stringify(value);
    case 'string':
      // A lone surrogate is not text: RFC 8785 §3.2.2.2 makes it an error rather than an escape.
      if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value)) throw new TypeError('lone surrogate in a string');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item) => canonicalize(item ?? null)).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
      // Default sort compares UTF-16 code units, exactly the order RFC 8785 §3.2.3 asks for.
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${canonicalize(k)}:${canonicalize(v)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`cannot canonicalize a ${typeof value}`);
  }
}
