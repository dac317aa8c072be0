// Jenkinsfiles: `sh '…'` / `sh """…"""` / `sh(script: …)` steps, `docker.build("img", "-f x ctx")`, and
// `agent { dockerfile { filename …; dir … } }`, run in the workspace (the repository root), inside
// `dir('sub') { … }` where one encloses them. Groovy interpolation in double quotes (`${x}`, `$x`)
// cannot be known here; a build that needs it is skipped.
import * as path from 'node:path';
import { parseBuildCommand } from './commandLine';
import { lineOf, lineStarts } from './readFile';
import { emitCommands, findBuildCommands } from './shellScript';
import type { FoundCommand } from './shellScript';
import { tokenizeShell, unresolvedMarker } from './shellWords';
import { expandWord } from './shellExpand';
import type { BuildDeclaration, DeclarationReader, ReaderInput } from './types';

export const jenkinsfileReader: DeclarationReader = {
  kind: 'jenkinsfile',
  accepts: (rel) => /(^|\/)Jenkinsfile[^/]*$/.test(rel) || /\.jenkinsfile$/i.test(rel),
  read: readJenkinsfile,
};

interface GString {
  value: string;
  start: number;
  end: number;
}

/** A Groovy string literal at `i` (', ", ''' or """); interpolation in double quotes becomes unresolved. */
function groovyString(text: string, i: number): GString | null {
  const q = text.startsWith("'''", i) ? "'''" : text.startsWith('"""', i) ? '"""' : text[i] === "'" || text[i] === '"' ? text[i] : null;
  if (!q) return null;
  const double = q[0] === '"';
  let value = '';
  let j = i + q.length;
  while (j < text.length) {
    if (text.startsWith(q, j)) return { value, start: i, end: j + q.length };
    const ch = text[j];
    if (ch === '\n' && q.length === 1) return null;
    if (ch === '\\' && j + 1 < text.length) {
      const next = text[j + 1];
      value += next === '\n' ? '' : ({ n: '\n', t: '\t' } as Record<string, string>)[next] ?? next;
      j += 2;
      continue;
    }
    if (double && ch === '$') {
      const braced = text[j + 1] === '{' ? text.indexOf('}', j) : -1;
      const name = braced > 0 ? text.slice(j + 2, braced) : /^[A-Za-z_][\w.]*/.exec(text.slice(j + 1))?.[0];
      if (name) {
        value += /^(env\.)?WORKSPACE$/.test(name) ? '$WORKSPACE' : unresolvedMarker('${' + name + '}');
        j = braced > 0 ? braced + 1 : j + 1 + name.length;
        continue;
      }
    }
    value += ch;
    j++;
  }
  return null;
}

function readJenkinsfile(input: ReaderInput): BuildDeclaration[] {
  const text = input.text;
  const starts = lineStarts(text);
  const root = input.root;
  const out: BuildDeclaration[] = [];
  // Folders from enclosing `dir('x') {` blocks, by brace depth.
  const dirs: Array<{ depth: number; dir: string }> = [];
  let depth = 0;
  const cwd = (): string => dirs.reduce((d, x) => path.resolve(d, x.dir), root);
  const vars = new Map([['WORKSPACE', root]]);
  const emit = (found: FoundCommand[], at: number): void => {
    const base = lineOf(starts, at);
    out.push(...emitCommands(found, (l) => base + l, { input, kind: 'jenkinsfile' }));
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '/' && text[i + 1] === '/') {
      i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const s = groovyString(text, i);
      if (s) i = s.end - 1;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      while (dirs.length && dirs[dirs.length - 1].depth > depth) dirs.pop();
    }
    if (!/[a-z]/.test(ch) || /[\w.]/.test(text[i - 1] ?? '')) continue;
    const rest = text.slice(i, i + 40);
    const dirStep = /^dir\s*\(?\s*/.exec(rest);
    if (dirStep) {
      const s = groovyString(text, i + dirStep[0].length);
      if (s && !s.value.includes('\uE000')) {
        const brace = text.indexOf('{', s.end);
        if (brace > 0 && /^[\s)]*$/.test(text.slice(s.end, brace))) dirs.push({ depth: depth + 1, dir: s.value });
      }
      continue;
    }
    const shStep = /^sh\s*\(?\s*(script\s*:\s*)?/.exec(rest);
    if (shStep && /['"]/.test(text[i + shStep[0].length] ?? '')) {
      const s = groovyString(text, i + shStep[0].length);
      if (!s) continue;
      const found = findBuildCommands(s.value, { cwd: { dir: cwd(), definite: true }, vars, root });
      emit(found, s.start);
      i = s.end - 1;
      continue;
    }
    const dockerBuild = /^docker\.build\s*\(\s*/.exec(rest);
    if (dockerBuild) {
      const image = groovyString(text, i + dockerBuild[0].length);
      if (!image) continue;
      const comma = /^\s*,\s*/.exec(text.slice(image.end));
      const args = comma ? groovyString(text, image.end + comma[0].length) : null;
      const words = tokenizeShell(args?.value ?? '.').flatMap((x) => (x.kind === 'cmd' ? x.cmd.words : [])).flatMap((w) => expandWord(w, { get: (n) => vars.get(n) }));
      const cmd = parseBuildCommand([{ text: 'docker', unresolved: [] }, { text: 'build', unresolved: [] }, ...words]);
      if (cmd) emit([{ cmd, line: 0, cwd: { dir: cwd(), definite: true } }], i);
      continue;
    }
    const agent = /^dockerfile\s*(\{|true\b)/.exec(rest);
    if (agent) {
      const body = agent[1] === '{' ? text.slice(i + agent[0].length, text.indexOf('}', i)) : '';
      const option = (name: string): string | undefined => {
        const m = new RegExp(`\\b${name}\\s+`).exec(body);
        return m ? groovyString(body, m.index + m[0].length)?.value : undefined;
      };
      const dir = option('dir') ?? '.';
      const filename = option('filename') ?? 'Dockerfile';
      if (dir.includes('\uE000') || filename.includes('\uE000')) continue;
      const context = path.resolve(cwd(), dir);
      out.push({ dockerfile: path.resolve(context, filename), context, evidence: { file: input.file, line: lineOf(starts, i), kind: 'jenkinsfile' }, name: 'agent dockerfile' });
    }
  }
  return out;
}
