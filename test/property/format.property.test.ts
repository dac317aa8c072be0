// The formatter never changes meaning and is idempotent: format(x) reads as the same instructions and
// arguments as x (support/meaning.ts), and format(format(x)) = format(x), on generated Dockerfiles built
// to stress it (random case, blanks, continuations with and without a blank before the escape, quotes
// spanning lines, comments and empty lines inside instructions, heredocs, JSON forms, both escape
// characters, LF/CRLF/CR), on mutated hostile text, and on the whole shared corpus with every indent.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseDocument } from '../../server/src/engine/parse/document';
import { formatDocument } from '../../server/src/engine/features/format';
import type { FormatOptions } from '../../server/src/engine/features/format';
import { applyTextEdits } from '../helpers/lspClient';
import { CORPUS_DIR, SEED, hostileText } from './generators';
import { meaningOf } from './support/meaning';

function format(text: string, options: FormatOptions): string {
  return applyTextEdits(text, formatDocument(parseDocument(text), options));
}

function checkFormat(text: string, options: FormatOptions): void {
  const once = format(text, options);
  assert.deepEqual(meaningOf(once), meaningOf(text), `meaning changed:\n${JSON.stringify(text)}\n→\n${JSON.stringify(once)}`);
  assert.equal(format(once, options), once, `not idempotent:\n${JSON.stringify(once)}`);
}

const blank = fc.constantFrom('', ' ', '  ', '\t', ' \t ', '    ');
const word = fc.constantFrom('a', 'b', 'apk', 'add', '--no-cache', 'x=1', '"a  b"', "'c  d'", '"e', 'f"', "'g", "h'", '$X', '${Y:-"z  w"}', '$(echo "q  r")', '`id`', '\\$', 'c:\\', '&&', '#', '[', ']', '"', "'");
const keyword = fc.constantFrom('FROM', 'from', 'RUN', 'run', 'Run', 'CMD', 'ENTRYPOINT', 'COPY', 'ADD', 'ENV', 'ARG', 'LABEL', 'WORKDIR', 'USER', 'STOPSIGNAL', 'MAINTAINER', 'ONBUILD', 'onbuild', 'HEALTHCHECK', 'healthcheck', 'SHELL', 'EXPOSE', 'VOLUME', 'bogus');

/** One instruction over one or more physical lines. */
const instruction = (escape: string) =>
  fc
    .tuple(
      blank,
      keyword,
      blank,
      fc.array(
        fc.tuple(fc.array(word, { minLength: 0, maxLength: 4 }), blank, fc.constantFrom('', ' ', '  '), fc.constantFrom('code', 'code', 'comment', 'empty')),
        { minLength: 1, maxLength: 4 },
      ),
      blank,
    )
    .map(([lead, kw, gap, parts, tail]) => {
      const lines: string[] = [];
      parts.forEach(([words, indent, beforeEscape, kind], i) => {
        const body = kind === 'comment' && i > 0 ? '# note  ' : kind === 'empty' && i > 0 ? '' : words.join(' ');
        const last = i === parts.length - 1;
        const text = (i === 0 ? `${lead}${kw}${gap}${body}` : `${indent}${body}`) + (last || kind !== 'code' ? '' : `${beforeEscape}${escape}`);
        lines.push(last ? text + tail : text);
      });
      return lines;
    });

const json = fc.constantFrom('CMD ["sh",  \\\n  "-c", "a  b"]', 'ENTRYPOINT [ "x" ,\\\n\t"y" ]', 'RUN ["a", \\\n    "b  c"]   ');
const heredoc = fc.constantFrom('RUN <<EOF\n  echo  hi   \n\tEOF\nEOF', 'COPY <<-"X" /f  \n\t body  \n\tX', 'run <<A cat\n  x\nA');

const dockerfile = fc
  .tuple(fc.constantFrom('\\', '`'), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .chain(([escape, eol, directive]) =>
    fc
      .array(fc.oneof({ weight: 6, arbitrary: instruction(escape) }, { weight: 1, arbitrary: json.map((j) => j.split('\n')) }, { weight: 1, arbitrary: heredoc.map((h) => h.split('\n')) }, { weight: 1, arbitrary: fc.constantFrom([''], ['# comment   '], ['   # indented']) }), { maxLength: 10 })
      .map((blocks) => {
        const head = escape === '`' || directive ? [`# escape=${escape}`] : [];
        return [...head, ...blocks.flat()].join(eol) + eol;
      }),
  );

const indents = fc.constantFrom<FormatOptions>({ indent: 4 }, { indent: 2 }, { indent: 'tab' }, { indent: 1 });

test('generated Dockerfiles: same meaning, idempotent (1,500 cases)', () => {
  fc.assert(
    fc.property(dockerfile, indents, (text, options) => checkFormat(text, options)),
    { seed: SEED, numRuns: 1500 },
  );
});

test('hostile and mutated text: same meaning, idempotent, no throw (600 cases)', () => {
  fc.assert(
    fc.property(hostileText, indents, (text, options) => checkFormat(text, options)),
    { seed: SEED + 7, numRuns: 600 },
  );
});

const corpusDir = path.join(CORPUS_DIR, 'dockerfiles');
test('the whole shared corpus, with each indent and with CRLF ends', { skip: fs.existsSync(corpusDir) ? false : `corpus not found at ${corpusDir}` }, () => {
  const names = fs.readdirSync(corpusDir).sort();
  for (const name of names) {
    const text = fs.readFileSync(path.join(corpusDir, name), 'utf8');
    checkFormat(text, { indent: 4 });
    checkFormat(text.replace(/\r?\n/g, '\r\n'), { indent: 'tab' });
  }
  assert.ok(names.length > 1000);
});
