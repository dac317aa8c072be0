// Line continuations as Docker's parser reads them.
/**
 * Joins an instruction's argument text the way BuildKit does before handing it on: an escape character
 * at the end of a line (trailing blanks allowed) is removed together with the line break, and comment
 * lines and blank lines inside the continuation are dropped.
 */
export function joinContinuations(raw: string, escapeChar: '\\' | '`' = '\\'): string {
  const lines = raw.split(/\r\n|\r|\n/);
  const trailing = new RegExp(`${escapeChar === '`' ? '`' : '\\\\'}[ \\t]*$`);
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (i > 0) {
      if (/^[ \t]*#/.test(line)) continue;
      if (/^[ \t]*$/.test(line)) continue;
    }
    const continued = trailing.test(line);
    if (continued) line = line.replace(trailing, '');
    out += line;
    if (!continued) break;
  }
  return out.trim();
}
