// exec-form-invalid-json: `CMD ['a', 'b']` and friends, which Docker silently runs as shell form (COPY, ADD
// and VOLUME: as a list of words, brackets and commas kept in the paths).
import type { Instruction } from 'dockerfile-ast';
import type { ParsedDocument } from '../parse/document';
import { classifyJsonForm, JSON_FORM_KEYWORDS, rawArguments } from '../parse/instruction';
import { joinContinuations } from '../model/shell/continuation';
import { formatMessage, getRule } from '../catalog';
import type { Fix, Range } from '../types';
import { scopedInstructions, type RuleFamily } from './rule';
import { classifyCommandForm, COMMAND_KEYWORDS, triggersOf } from '../model/commands';
import { keywordOf } from '../parse/instructionCache';

const CODE = 'exec-form-invalid-json';

export const jsonFormFamily: RuleFamily = {
  family: 'json-form',
  scoped: true,
  check(doc, ctx, report, scope) {
    const own = scopedInstructions(doc, scope);
    // ONBUILD triggers (`ONBUILD CMD ['a']`) are parsed the same way when the child image builds.
    for (const instruction of [...own, ...triggersOf(own, JSON_FORM_KEYWORDS)]) {
      const target = jsonTarget(doc, instruction);
      if (!target) continue;
      const joined = joinContinuations(target.text, doc.escapeChar);
      // A command's brackets are read by classifyCommandForm: `ENTRYPOINT [${X}]` is an exec form gone wrong.
      const form = COMMAND_KEYWORDS.has(keywordOf(instruction)) ? classifyCommandForm(joined) : classifyJsonForm(joined);
      if (form.kind !== 'invalid') continue;
      const rule = getRule(CODE)!;
      report({
        code: CODE,
        range: target.range,
        variant: variantFor(keywordOf(instruction), form.reason),
        args: {
          instruction: keywordOf(instruction),
          reason: formatMessage(rule, ctx.lang, form.reason),
          advice: formatMessage(rule, ctx.lang, `advice.${form.reason}`),
        },
        data: { reason: form.reason },
      });
    }
  },
  fixes(doc, ctx, finding) {
    if (finding.code !== CODE) return [];
    const text = doc.textIn(finding.range);
    const args = lenientJsonArray(joinContinuations(text, doc.escapeChar));
    if (!args) return [];
    // `[${NPM_CLI_PACKAGE}]`: valid JSON would pass `${NPM_CLI_PACKAGE}` literally, not its value. Only the
    // author knows whether a shell should expand it: say why there is no fix.
    const variable = args.find((a) => /\$\{?[A-Za-z_]/.test(a));
    if (variable !== undefined) {
      return [{
        title: formatMessage(getRule(CODE)!, ctx.lang, 'fix'),
        kind: 'quickfix',
        edits: [],
        fixes: { code: CODE, range: finding.range },
        behaviour: 'refused',
        disabledReason: formatMessage(getRule(CODE)!, ctx.lang, 'refusedVariable', { value: variable }),
      }];
    }
    const fix: Fix = {
      title: formatMessage(getRule(CODE)!, ctx.lang, 'fix'),
      kind: 'quickfix',
      edits: [{ range: finding.range, newText: JSON.stringify(args).replace(/","/g, '", "') }],
      fixes: { code: CODE, range: finding.range },
      isPreferred: true,
      // Only quoting changes: the author's intended words are kept exactly. The bracket text never ran as
      // meant (BuildKit hands it to /bin/sh as it is), so this repairs the intent rather than keeping
      // a behaviour anyone relies on.
      safe: true,
      behaviour: 'same',
    };
    return [fix];
  },
};

/** COPY, ADD and VOLUME read brackets that are not JSON as a list of words (paths), not as a shell command. */
const LIST_KEYWORDS: ReadonlySet<string> = new Set(['COPY', 'ADD', 'VOLUME']);

function variantFor(keyword: string, reason: string): string {
  if (keyword === 'SHELL') return 'shellInstruction';
  // Non-string elements are a build error in every instruction (BuildKit: errDockerfileNotStringArray).
  if (reason === 'notStrings') return 'notStringsDefault';
  return LIST_KEYWORDS.has(keyword) ? 'list' : 'default';
}

/** The JSON-capable part of an instruction: HEALTHCHECK's command after `CMD`, other keywords' arguments. */
function jsonTarget(doc: ParsedDocument, instruction: Instruction): { text: string; range: Range } | null {
  const keyword = keywordOf(instruction);
  if (!JSON_FORM_KEYWORDS.has(keyword)) return null;
  const raw = rawArguments(doc, instruction);
  if (!raw) return null;
  let { text, range } = raw;
  // Skip leading flags (`--chown=…`, `--interval=…`) and HEALTHCHECK's `CMD` keyword.
  const prefix = /^(?:\s*--[A-Za-z-]+(?:=(?:"[^"]*"|\S)*)?\s+)*/.exec(text)?.[0] ?? '';
  let offset = prefix.length;
  if (keyword === 'HEALTHCHECK') {
    const cmd = /^\s*CMD\s+/i.exec(text.slice(offset));
    if (!cmd) return null;
    offset += cmd[0].length;
  }
  if (offset > 0) {
    const start = doc.positionAt(doc.offsetAt(range.start) + offset);
    text = text.slice(offset);
    range = { start, end: range.end };
  }
  if (!text.startsWith('[')) return null;
  return { text, range };
}

/**
 * Reads what the author meant by a JSON-looking array that JSON rejects: strings in single or double
 * quotes (or bare words), separated by commas, with an optional trailing comma. Returns null when the
 * text is not such a list.
 */
export function lenientJsonArray(text: string): string[] | null {
  const s = text.trim();
  if (!s.startsWith('[') || !s.endsWith(']')) return null;
  const out: string[] = [];
  // An escape JSON does not know (`"C:\app"`) means the author wrote backslashes literally (a Windows
  // path): then every backslash is kept, except before a backslash or the closing quote.
  const literalBackslashes = [...s.matchAll(/\\(.)/gs)].some((m) => !`"\\/bfnrtu'`.includes(m[1]));
  let i = 1;
  const end = s.length - 1;
  const skipSpace = () => {
    while (i < end && /\s/.test(s[i])) i++;
  };
  skipSpace();
  while (i < end) {
    const quote = s[i];
    let value = '';
    if (quote === '"' || quote === "'") {
      i++;
      let closed = false;
      while (i < end) {
        const c = s[i];
        if (c === '\\' && i + 1 < end) {
          const n = s[i + 1];
          const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '/': '/' };
          if (literalBackslashes && n !== '\\' && n !== quote) {
            value += '\\' + n;
            i += 2;
          } else if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
            value += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
            i += 6;
          } else {
            value += simple[n] ?? n;
            i += 2;
          }
          continue;
        }
        if (c === quote) {
          closed = true;
          i++;
          break;
        }
        value += c;
        i++;
      }
      if (!closed) return null;
    } else {
      const m = /^[^,\s\]"']+/.exec(s.slice(i, end));
      if (!m) return null;
      value = m[0];
      i += m[0].length;
    }
    out.push(value);
    skipSpace();
    if (i < end && s[i] === ',') {
      i++;
      skipSpace();
    } else if (i < end) return null;
  }
  return out;
}

