// The one escaping helper: whatever text it is given, a real markdown renderer shows exactly that text, as
// words (escapeMarkdownText) or as code (inlineCode, fillMarkdown's code spans), with no other element.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { escapeMarkdownText, fillMarkdown, inlineCode } from '../../server/src/engine/features/markdown';

const md = new MarkdownIt({ html: true });
md.validateLink = () => true;
const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// Characters that make markup, plus letters and spaces, in any order.
const markupChar = fc.constantFrom(...'<>&[]()!`*_~|#+-=.:\\/"\' \n\tax1é'.split(''));
const hostile = fc
  .array(markupChar, { minLength: 1, maxLength: 40 })
  .map((cs) => cs.join('').replace(/\s+/g, ' ').trim())
  .filter((s) => s !== '');
const HOSTILE = ['<img src=x onerror=alert(1)>', '[x](command:workbench.action.quit)', '[a]: command:x', '![i](https://e/x.png)', '`a``b`', '1. list', '- item', '# head', '> quote', '&lt;b&gt;', 'a\\', '| a | b |', '***', '~~s~~', '<https://a>', '<!-- c -->'];

test('escapeMarkdownText: rendered, the text shows exactly as given, in one paragraph', () => {
  for (const s of HOSTILE) assert.equal(md.render(escapeMarkdownText(s)).trim(), `<p>${html(s)}</p>`, s);
  fc.assert(fc.property(hostile, (s) => md.render(escapeMarkdownText(s)).trim() === `<p>${html(s)}</p>`), { seed: 18 });
});

test('inlineCode: rendered, the text shows exactly as given, as one code span', () => {
  for (const s of HOSTILE) assert.equal(md.render(inlineCode(s)).trim(), `<p><code>${html(s)}</code></p>`, s);
  fc.assert(fc.property(hostile, (s) => md.render(inlineCode(s)).trim() === `<p><code>${html(s)}</code></p>`), { seed: 18 });
});

test('fillMarkdown: a value in a code span of the template stays code, elsewhere it is text; line breaks flattened', () => {
  const out = fillMarkdown('Stage {name} is built from `{image}` here.', { name: '[x](command:q)\n# h', image: 'a`b<i>' });
  assert.equal(md.render(out).trim(), '<p>Stage [x](command:q) # h is built from <code>a`b&lt;i&gt;</code> here.</p>');
  assert.equal(fillMarkdown('`{v}`', { v: 'x'.repeat(500) }).length < 200, true, 'long values are cut');
  assert.equal(fillMarkdown('a {m}', { m: { md: '**b**' } }), 'a **b**');
});
