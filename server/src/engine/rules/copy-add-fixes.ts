// Quick fixes of the COPY/ADD rules. Each re-reads the instruction from the current document, so a fix
// never trusts stale diagnostic data.
import * as path from 'node:path';
import type { AnalysisContext } from '../context';
import type { ParsedDocument, Stage } from '../parse/document';
import { formatMessage, getRule } from '../catalog';
import { classifySource } from '../context/contextFiles';
import { resolveBuildContexts } from '../context/buildContext';
import { display } from './copy-add-context';
import { flagValue, hasFlag, hiddenGlobalArg, readCopyInstruction, variablesAt } from '../model/copyArgs';
import type { CopyInstruction } from '../model/copyArgs';
import type { Finding, Fix, Range, TextEdit } from '../types';
import { comparePos } from '../types';
import { isWindowsStage, rootImage } from '../model/platform';
import { workdirAt } from '../model/paths';
import { argumentsRange, keywordOf } from '../parse/instructionCache';

export function copyAddFixes(doc: ParsedDocument, ctx: AnalysisContext, finding: Finding): Fix[] {
  const instruction = doc.instructionAtLine(finding.range.start.line);
  if (!instruction) return [];
  const line = instruction.getRange().start.line;
  const copy = readCopyInstruction(doc, instruction, variablesAt(doc, doc.stageAtLine(line), line, doc.escapeChar));
  if (!copy) return [];
  const rule = getRule(finding.code);
  if (!rule) return [];
  const fix = (title: string, edits: TextEdit[], extra: Partial<Fix> = {}): Fix => ({
    title,
    kind: 'quickfix',
    edits,
    fixes: { code: finding.code, range: finding.range },
    ...extra,
  });
  switch (finding.code) {
    case 'add-prefer-copy': {
      const written = doc.textIn(copy.keywordRange);
      const keyword = written === written.toLowerCase() ? 'copy' : 'COPY';
      // The same files end up in the same place: safe to apply unattended.
      return [fix(formatMessage(rule, ctx.lang, 'fix'), [{ range: copy.keywordRange, newText: keyword }], { isPreferred: true, safe: true })];
    }
    case 'copy-multi-source-dest': {
      const dest = copy.dest;
      if (!dest || !sameStart(dest.range, finding.range)) return [];
      const text = doc.textIn(dest.range);
      // Only a plainly quoted word (`"dir"`, `'dir'`) gets the / inside its quotes; with any other quoting
      // (`""<<'END'`, unterminated quotes) where the / belongs is unclear, so no unattended fix is offered.
      const quoted = /^(["'])[^"'\\]*\1$/s.test(text);
      if (!quoted && /["']/.test(text)) return [];
      const at = quoted ? doc.positionAt(doc.offsetAt(dest.range.end) - 1) : dest.range.end;
      return [
        fix(formatMessage(rule, ctx.lang, 'fix', { dest: dest.raw }), [{ range: { start: at, end: at }, newText: '/' }], {
          isPreferred: true,
          safe: true,
        }),
      ];
    }
    case 'copy-source-missing':
      if (typeof finding.data?.globalArg === 'string') return redeclareFix(doc, ctx, copy, finding, finding.data.globalArg, fix);
      return contextFixes(doc, ctx, finding, fix);
    case 'copy-absolute-source': {
      if (typeof finding.data?.globalArg === 'string') return redeclareFix(doc, ctx, copy, finding, finding.data.globalArg, fix);
      const source = copy.sources.find((s) => sameStart(s.range, finding.range));
      if (!source || source.value === null) return [];
      const where = classifySource(source.value);
      if (where.kind !== 'absolute') return [];
      const text = doc.textIn(source.range);
      const m = /^(["']?)\/+(.*)$/s.exec(text);
      if (!m) return [];
      let rest = m[2];
      if (rest === '' || rest === m[1]) rest = '.' + m[1];
      // Not applied unattended: the author may have meant a host file that has to be moved into the context.
      return [fix(formatMessage(rule, ctx.lang, 'fix', { relative: where.relative || '.' }), [{ range: source.range, newText: m[1] + rest }], { isPreferred: true })];
    }
    case 'add-remote-url':
      return remoteFixes(doc, ctx, copy, finding, fix);
    default:
      return [];
  }
}

/**
 * For a source missing from a guessed context: save the candidate folder where it exists as the build
 * context, or pick one. Offered only while the context is still a guess and the folder still a candidate
 * holding the source (the diagnostic's data may be stale). A declared context is not overridden here.
 */
function contextFixes(doc: ParsedDocument, ctx: AnalysisContext, finding: Finding, fix: MakeFix): Fix[] {
  const resolution = resolveBuildContexts(ctx, doc);
  const context = resolution?.contexts[0];
  if (!resolution || !context || context.certain) return [];
  const rule = getRule(finding.code)!;
  const out: Fix[] = [];
  const candidate = finding.data?.candidate;
  if (typeof candidate === 'string' && resolution.candidates.some((c) => c.root === candidate)) {
    out.push(fix(formatMessage(rule, ctx.lang, 'fixSetContext', { folder: display(ctx, candidate) }), [], { isPreferred: true, command: { name: 'setBuildContext', folder: candidate } }));
  }
  if (out.length > 0 || finding.data?.pickContext === true) {
    out.push(fix(formatMessage(rule, ctx.lang, 'fixPickContext'), [], { command: { name: 'setBuildContext' } }));
  }
  return out;
}

/** `ARG NAME` on the line after the stage's FROM, when the source still uses the global ARG the stage cannot see. */
function redeclareFix(doc: ParsedDocument, ctx: AnalysisContext, copy: CopyInstruction, finding: Finding, name: string, fix: MakeFix): Fix[] {
  const line = copy.instruction.getRange().start.line;
  const source = copy.sources.find((s) => sameStart(s.range, finding.range));
  const stage = doc.stageAtLine(line);
  if (!source || !stage || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || !hiddenGlobalArg(doc, name, line)) return [];
  if (!new RegExp(`\\$\\{?${name}(?![A-Za-z0-9_])`).test(source.text)) return [];
  const after = stage.from.getRange().end.line + 1;
  if (after >= doc.lineCount()) return [];
  const eol = doc.text.includes('\r\n') ? '\r\n' : '\n';
  const at = { line: after, character: 0 };
  const rule = getRule(finding.code)!;
  return [fix(formatMessage(rule, ctx.lang, 'fixGlobalArg', { name }), [{ range: { start: at, end: at }, newText: `ARG ${name}${eol}` }], { isPreferred: true })];
}

function sameStart(a: Range, b: Range): boolean {
  return comparePos(a.start, b.start) === 0;
}

type MakeFix = (title: string, edits: TextEdit[], extra?: Partial<Fix>) => Fix;

function remoteFixes(doc: ParsedDocument, ctx: AnalysisContext, copy: CopyInstruction, finding: Finding, fix: MakeFix): Fix[] {
  const rule = getRule('add-remote-url')!;
  const line = copy.instruction.getRange().start.line;
  const stage = doc.stageAtLine(line);
  // Windows images have no chmod, curl/wget are not a given, and BuildKit refuses ADD --chmod there.
  if (isWindowsStage(doc, stage)) return [];
  const out: Fix[] = [];
  const mode = wantedMode(doc, stage, copy, finding);
  // A RUN runs as the USER in force; a non-root user may not write the destination or chown the file.
  const run = runsAsRoot(doc, stage, line) ? downloadCommand(doc, copy, finding, mode) : null;
  if (run) {
    out.push(fix(formatMessage(rule, ctx.lang, run.tool === 'wget' ? 'fixWget' : 'fixCurl'), [{ range: instructionRange(doc, copy), newText: run.text }], { isPreferred: true }));
  }
  if (!hasFlag(copy, 'chmod')) {
    const at = copy.keywordRange.end;
    out.push(fix(formatMessage(rule, ctx.lang, 'fixChmod', { mode }), [{ range: { start: at, end: at }, newText: ` --chmod=${mode}` }]));
  }
  return out;
}

/** Folders whose files are meant to be run. */
const BIN_FOLDERS = new Set(['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin']);

/** 755 for a script (`.sh` URL) or anything put in a bin folder; 644 otherwise. */
function wantedMode(doc: ParsedDocument, stage: Stage | null, copy: CopyInstruction, finding: Finding): '644' | '755' {
  const source = copy.sources.find((s) => sameStart(s.range, finding.range));
  const name = source?.value ? urlFileName(source.value) : null;
  if (name && /\.sh$/i.test(name)) return '755';
  const dest = copy.dest?.value;
  if (!dest || !stage) return '644';
  const line = copy.instruction.getRange().start.line;
  const abs = dest.startsWith('/') ? dest : path.posix.join(workdirAt(doc, stage, line).path, dest);
  const folder = dest.endsWith('/') || dest === '.' || dest === '..' ? path.posix.normalize(abs) : path.posix.dirname(path.posix.normalize(abs));
  return BIN_FOLDERS.has(folder.replace(/\/+$/, '') || '/') ? '755' : '644';
}

/**
 * Whether instructions at `line` run as root as far as the Dockerfile tells: the last USER of the stage
 * (or of the stages it is built FROM) is root / 0, or there is none. A USER with a variable counts as not root.
 */
export function runsAsRoot(doc: ParsedDocument, stage: Stage | null, line: number): boolean {
  const seen = new Set<Stage>();
  let current = stage;
  let limit = line;
  while (current && !seen.has(current)) {
    seen.add(current);
    let user: string | null = null;
    for (const instruction of current.instructions) {
      if (instruction.getRange().start.line >= limit) break;
      if (keywordOf(instruction) !== 'USER') continue;
      const range = argumentsRange(instruction);
      user = range ? doc.textIn(range).trim() : '';
    }
    if (user !== null) return /^(root|0)(:.*)?$/.test(user);
    current = current.parent;
    limit = Number.MAX_SAFE_INTEGER;
  }
  return true;
}

function instructionRange(doc: ParsedDocument, copy: CopyInstruction): Range {
  const r = copy.instruction.getRange();
  return { start: copy.keywordRange.start, end: r.end };
}

/** `RUN` that fetches the URL to the same destination with the given mode (owner kept from `--chown`). */
function downloadCommand(doc: ParsedDocument, copy: CopyInstruction, finding: Finding, mode: string): { tool: 'curl' | 'wget'; text: string } | null {
  if (copy.sources.length !== 1 || copy.heredocSources > 0 || !copy.dest) return null;
  if (hasFlag(copy, 'checksum') || hasFlag(copy, 'unpack')) return null;
  const source = copy.sources[0];
  if (!sameStart(source.range, finding.range) || source.value === null) return null;
  const url = source.value;
  const name = urlFileName(url);
  const destWord = copy.dest.value ?? (/["']/.test(copy.dest.raw) ? null : copy.dest.raw);
  if (!destWord) return null;
  let file: string;
  let dir: string;
  if (destWord.endsWith('/') || destWord === '.') {
    if (!name) return null;
    dir = destWord === '.' ? '.' : destWord.replace(/\/+$/, '') || '/';
    file = dir === '/' ? `/${name}` : `${dir}/${name}`;
  } else {
    file = destWord;
    dir = path.posix.dirname(destWord);
  }
  const tool = downloaderFor(doc, doc.stageAtLine(copy.instruction.getRange().start.line));
  const parts: string[] = [];
  if (dir !== '.' && dir !== '/') parts.push(`mkdir -p ${shQuote(dir)}`);
  parts.push(tool === 'wget' ? `wget -q -O ${shQuote(file)} ${shQuote(url)}` : `curl -fsSL -o ${shQuote(file)} ${shQuote(url)}`);
  parts.push(`chmod ${mode} ${shQuote(file)}`);
  const chown = flagValue(copy, 'chown');
  if (chown) parts.push(`chown ${shQuote(chown)} ${shQuote(file)}`);
  return { tool, text: `RUN ${parts.join(' && ')}` };
}

function urlFileName(url: string): string | null {
  const withoutQuery = url.split(/[?#]/, 1)[0];
  const afterHost = withoutQuery.replace(/^[a-z]+:\/\/[^/]*/i, '');
  const last = afterHost.split('/').pop() ?? '';
  if (!last) return null;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * busybox wget on Alpine and BusyBox images, curl elsewhere (Debian, Ubuntu and unknown bases). The root
 * image of the stage's FROM chain is read with global ARG defaults applied (`FROM ${BASE}`).
 */
export function downloaderFor(doc: ParsedDocument, stage: Stage | null): 'curl' | 'wget' {
  const base = (stage ? rootImage(doc, stage) ?? '' : '').toLowerCase();
  return /(^|\/)(alpine|busybox)([:@]|$)|[-:]alpine|alpine\d/.test(base) ? 'wget' : 'curl';
}

/** A word for sh: bare when safe, double-quoted when it uses variables, single-quoted otherwise. */
export function shQuote(s: string): string {
  if (/^[A-Za-z0-9_@%+=:,./~-]+$/.test(s)) return s;
  if (/^[A-Za-z0-9_@%+=:,./~${}-]+$/.test(s)) return `"${s}"`;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
