// dockerfile-ast's accessors can throw, or return undefined, on half-typed text; code that only reads the
// parse (features, references) takes a fallback instead of failing the whole request.

export function safe<T>(read: () => T, fallback: T): T {
  try {
    return read() ?? fallback;
  } catch {
    return fallback;
  }
}

export function safeList<T>(read: () => T[]): T[] {
  return safe(read, []);
}
