/**
 * The first key that appears twice in one JSON object of `text`, with the path of that object, or
 * null. JSON.parse keeps the last of two equal keys while a person (or another program) may read the
 * first, so a file with a key twice says two things at once. `text` must already parse as JSON.
 */
export function duplicateKey(text: string): { key: string; path: string } | null {
  /** Per open container: its keys (null for an array), its path, and the key or index being read. */
  const stack: { keys: Set<string> | null; path: string; at: string }[] = [];
  let expectKey = false;
  let i = 0;
  const readString = (): string => {
    const start = i;
    i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const childPath = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    return top.keys ? (top.path ? `${top.path}.${top.at}` : top.at) : `${top.path}[${top.at}]`;
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      const top = stack[stack.length - 1];
      const value = readString();
      if (expectKey && top?.keys) {
        if (top.keys.has(value)) return { key: value, path: top.path };
        top.keys.add(value);
        top.at = value;
        expectKey = false;
      }
      continue;
    }
    if (ch === '{' || ch === '[') {
      stack.push({ keys: ch === '{' ? new Set() : null, path: childPath(), at: '0' });
      expectKey = ch === '{';
    } else if (ch === '}' || ch === ']') {
      stack.pop();
    } else if (ch === ',') {
      const top = stack[stack.length - 1];
      if (top?.keys) expectKey = true;
      else if (top) top.at = String(Number(top.at) + 1);
    }
    i++;
  }
  return null;
}
