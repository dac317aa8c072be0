// Generators for the robustness properties: seed Dockerfiles, hostile fragments, and mutations of both.
// Shared by the property suites (test/property/*.test.ts) and the longer fuzz run (test/fuzz/fuzz.ts).
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORPUS_DIR } from '../helpers/shared';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export { CORPUS_DIR };

/** The seed of every property run; override with FC_SEED=<n> to explore, the failure report prints it. */
export const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261129;

/** Small Dockerfiles written for these tests: each exercises a different corner of the syntax. */
export const SEEDS: string[] = [
  '',
  'FROM alpine\n',
  'FROM alpine\nCMD ["echo", "hi"]\n',
  "FROM alpine\nCMD ['echo', 'hi']\n",
  'FROM node:20 AS build\nWORKDIR /src\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n\nFROM nginx\nCOPY --from=build /src/dist /usr/share/nginx/html\nEXPOSE 80\nENTRYPOINT nginx -g "daemon off;"\n',
  '# syntax=docker/dockerfile:1\n# check=skip=all\nFROM busybox\nRUN <<EOF\necho one\necho two\nEOF\nCOPY <<-"CFG" /etc/app.conf\n\tkey=value\n\tCFG\n',
  '# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN dir `\n    c:\\ `\n    /s\nSHELL ["powershell", "-Command"]\nCMD Write-Host hi\n',
  'ARG BASE=debian:12\nFROM $BASE\nARG VERSION\nENV PATH=/opt/bin:$PATH VERSION=${VERSION:-1.0}\nADD https://example.com/x.tgz /tmp/\nADD --checksum=sha256:abc https://example.com/y /y\nHEALTHCHECK --interval=5s CMD ["curl", "-f", "http://localhost/"]\nONBUILD RUN make\nUSER 1000:1000\nVOLUME ["/data", ]\nSTOPSIGNAL SIGTERM\nLABEL a="b c"\n',
  'FROM scratch\nCOPY ../outside /x\nCOPY /abs/path /y\nCOPY a* b? [c] /z/\nADD --chown=1:1 --chmod=755 ["a b", "/c d/"]\n',
  'FROM alpine\nRUN apk add \\\n    curl \\\n    # a comment inside\n    git \\\n\n    jq\nCMD echo \\\n  "multi line" \\\n  && exit 0\n',
  'from alpine as Base\ncmd ["a",]\nentrypoint [\'x\']\nhealthcheck cmd [\'true\']\nshell [\'/bin/bash\', \'-c\']\n',
  'FROM a\nCMD ["a", 1]\nCMD ["\\q"]\nCMD ["unterminated\nCMD [\nENTRYPOINT ["ok"] extra\n',
];

/** Fragments that break tokenisers: unterminated constructs, odd characters, odd line ends. */
export const HOSTILE_FRAGMENTS: string[] = [
  '[', ']', '["a",', "['a', 'b',]", '[ "x" , ]', '[,]', '[""]', '["\\', '\\"', '"', "'", '`', '\\', '\\\n', '\\\r\n', '`\n',
  '<<EOF\n', '<<-"EOF"\n', '<<\'END\'\nRUN x\n', 'EOF\n', '<<', '\0', '\u0001\u0002\u001b[31m', '\u007f', '\uFEFF', '\r\n', '\r', '\n',
  '\n\n\n', '\t', '\u2028', '\u0085', '\uD800', '\uDC00', '\uDBFF\uDFFF', '🐳', '👨‍👩‍👧', 'é', '中文', '\uFFFD', '\uFFFF',
  '# escape=`\n', '# escape=\\\n', '# syntax=docker/dockerfile:1\n', '# check=skip=all;error=true\n', '# hadolint ignore=DL3020\n',
  'FROM ', 'FROM x AS y\n', 'FROM --platform=$BUILDPLATFORM ', 'AS ', 'ARG ', 'ENV ', 'CMD ', 'ENTRYPOINT ', 'RUN ', 'SHELL ',
  'COPY ', 'ADD ', 'HEALTHCHECK CMD ', 'HEALTHCHECK NONE', 'ONBUILD ', 'WORKDIR ', 'VOLUME ', 'USER ', 'EXPOSE ', 'LABEL ',
  '--from=', '--from=0 ', '--chown=', '--chmod=7777 ', '--link ', '--mount=type=cache,target=/x ', '--exclude=*.md ', '--',
  '$', '${', '${A:-', '${A:+x}', '$$', '*', '**', '?', '[!a-z]', '{a,b}', '../', '../../../../etc/passwd', '/', '.', '..',
  'https://example.com/a.tar.gz', 'git@github.com:a/b.git#main', ' ', '    ', '#', '# comment\n', '=', ':', ',', ';', '&&', '|',
];

export const fragment = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_FRAGMENTS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('../', '\\\n', 'x', '"', '[', '\n'), fc.integer({ min: 50, max: 3000 })).map(([s, n]) => s.repeat(n)) },
);

type Mutation =
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'duplicate'; at: number; length: number }
  | { op: 'lineEnds'; style: '\r\n' | '\r' | '\n' }
  | { op: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fragment }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 80 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('lineEnds' as const), style: fc.constantFrom('\r\n' as const, '\r' as const, '\n' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
);

export function applyMutation(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.op === 'lineEnds' ? 0 : m.at % (text.length + 1);
  switch (m.op) {
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'duplicate':
      return text.slice(0, at) + text.slice(at, at + m.length) + text.slice(at);
    case 'lineEnds':
      return text.replace(/\r\n|\r|\n/g, m.style);
    case 'truncate':
      return text.slice(0, at);
  }
}

/** A base text mutated by up to `max` hostile edits. */
export function mutated(base: fc.Arbitrary<string>, max = 6): fc.Arbitrary<string> {
  return fc.tuple(base, fc.array(mutation, { maxLength: max })).map(([text, ms]) => ms.reduce(applyMutation, text));
}

/** Dockerfile-shaped text built from lines of keywords, arguments and fragments. */
export const dockerfileLike: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.constantFrom('FROM', 'RUN', 'CMD', 'ENTRYPOINT', 'COPY', 'ADD', 'ARG', 'ENV', 'SHELL', 'HEALTHCHECK', 'ONBUILD', 'WORKDIR', 'from', 'cmd', '#', ''),
      fc.array(fragment, { maxLength: 5 }),
      fc.constantFrom('\n', '\r\n', '\r', ' \\\n', ''),
    ),
    { maxLength: 14 },
  )
  .map((lines) => lines.map(([k, parts, end]) => `${k} ${parts.join(' ')}${end}`).join(''));

/** Any text at all, most of it Dockerfile-shaped. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: mutated(fc.constantFrom(...SEEDS)) },
  { weight: 3, arbitrary: mutated(dockerfileLike, 3) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.array(fragment, { maxLength: 30 }).map((a) => a.join('')) },
);

/** Corpus Dockerfiles (a deterministic sample of `count`, spread over the sorted list), or [] when absent. */
export function corpusSample(count: number): Array<{ name: string; text: string }> {
  const dir = path.join(CORPUS_DIR, 'dockerfiles');
  if (!fs.existsSync(dir)) return [];
  const names = fs.readdirSync(dir).sort();
  const step = Math.max(1, Math.floor(names.length / count));
  const out: Array<{ name: string; text: string }> = [];
  for (let i = 0; i < names.length && out.length < count; i += step) {
    out.push({ name: names[i], text: fs.readFileSync(path.join(dir, names[i]), 'utf8') });
  }
  return out;
}

/** Every Dockerfile of the corpus by name (for the fuzz run). */
export function corpusNames(): string[] {
  const dir = path.join(CORPUS_DIR, 'dockerfiles');
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort().map((n) => path.join(dir, n)) : [];
}

/** The examples shipped in the repository (examples/**), when there are any. */
export function exampleTexts(): string[] {
  const dir = path.join(REPO_ROOT, 'examples');
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.existsSync(d) ? fs.readdirSync(d, { withFileTypes: true }) : []) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/dockerfile|containerfile/i.test(e.name) && fs.statSync(p).size < 200_000) out.push(fs.readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** `count` stages, each built FROM the one before it. */
export function stageChain(count: number): string {
  return Array.from({ length: count }, (_, i) => `FROM s${i === 0 ? 'cratch' : i - 1} AS s${i}\n`).join('');
}

/** Huge or pathological inputs named in issue 9; each is checked once, not generated. */
export function extremeInputs(): Record<string, string> {
  return {
    empty: '',
    'only BOM': '\uFEFF',
    'BOM + CRLF': '\uFEFFFROM alpine\r\nCMD [\'a\']\r\n',
    'CR only': 'FROM alpine\rCMD [\'a\', \'b\',]\rRUN x \\\r  y\r',
    'NUL and controls': 'FROM al\0pine\nCMD ["\u0001", \'\u001b\']\n\0\0\0\n',
    'lone surrogates': 'FROM a\nCMD [\'\uD800\', "\uDC00"]\nLABEL x=\uD83D\n',
    emoji: 'FROM 🐳\nCMD [\'👨‍👩‍👧\', "🐳"]\nCOPY 🐳.txt /🐳/\n',
    'truncated JSON': 'FROM a\nCMD ["a", "b',
    'unterminated heredoc': 'FROM a\nRUN <<EOF\necho never closed\n' + 'x\n'.repeat(2000),
    '300,000-char line': 'FROM a\nRUN ' + 'x'.repeat(300_000) + '\n',
    '300,000-char JSON line': 'FROM a\nCMD [' + '"a",'.repeat(75_000) + '\n',
    '300,000 chars of \\"': 'FROM a\nCMD ["' + '\\"'.repeat(150_000) + '\n',
    "300,000 chars of '": "FROM a\nCMD ['" + "a', '".repeat(60_000) + ']\n',
    '20,000 continuation lines': 'FROM a\nRUN a \\\n' + '  b \\\n'.repeat(20_000) + '  c\n',
    '20,000 continuation lines of CMD JSON': 'FROM a\nCMD [ \\\n' + "  'b', \\\n".repeat(20_000) + ']\n',
    'continuation at end of file': 'FROM a\nRUN a \\',
    '../ repeated 5,000 times': 'FROM a\nCOPY ' + '../'.repeat(5000) + 'x /y\n',
    'odd quotes on a COPY destination': 'FROM a\nCOPY a b ""<<\'END\'\nCOPY a b "x\'\nCOPY a b \'d\' "e"\n',
    'heredoc name with << and a bracket': 'FROM busybox\nCOPY <<-"CFG<<" [/etc/app.conf\n\tkey=value\n\tCFG\n',
    'dot-dot look-alikes': 'FROM a\nCOPY ..../x ...x ..x/y .../ x/.. x/../.. /d/\nADD ..a /e\n',
    '2,000 stages, each FROM the previous': stageChain(2000),
    '20,000 empty lines': '\n'.repeat(20_000),
    'backslashes only': '\\'.repeat(10_000),
  };
}
