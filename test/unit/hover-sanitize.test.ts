// Hover markdown is rendered untrusted: nothing from a note may become a command link, raw HTML or an image.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { sanitizeMarkdown, inlineCode, codeBlock } from '../../server/src/engine/features/hover/sanitize';

/** Every `[text](target)` link left in the markdown, outside code. */
function linkTargets(md: string): string[] {
  const outsideCode = md.replace(/```[\s\S]*?```/g, '').replace(/`[^`]*`/g, '');
  return [...outsideCode.matchAll(/\]\(\s*<?([^)\s>]*)/g)].map((m) => m[1]).filter((t) => !t.startsWith('\\'));
}

test('command: links keep their text and lose the target', () => {
  const out = sanitizeMarkdown('Run [this](command:workbench.action.terminal.new) now');
  assert.equal(out, 'Run this now');
  assert.doesNotMatch(out, /command:/);
});

test('links with file:, javascript:, vscode: or relative targets become plain text; https stays', () => {
  const out = sanitizeMarkdown(
    '[a](file:///etc/passwd) [b](javascript:alert(1)) [c](vscode://x) [d](../other.md) [e](https://docs.docker.com/)',
  );
  assert.deepEqual(linkTargets(out), ['https://docs.docker.com/']);
  assert.match(out, /^a b c d \[e\]\(https:\/\/docs\.docker\.com\/\)$/);
});

test('a link cut by a code span still cannot form a command link', () => {
  const out = sanitizeMarkdown('[`label`](command:evil) and [x](command:`y`)');
  assert.deepEqual(linkTargets(out), []);
  assert.doesNotMatch(out, /\]\(command:/);
});

test('reference definitions with unsafe targets are dropped', () => {
  const out = sanitizeMarkdown('See [here][r].\n\n[r]: command:evil.run\n[ok]: https://example.com');
  assert.doesNotMatch(out, /command:/);
  assert.match(out, /\[ok\]: https:\/\/example\.com/);
});

test('HTML tags are stripped and remaining angle brackets are escaped outside code', () => {
  const out = sanitizeMarkdown('<div onclick="x()">hi</div> <script>alert(1)</script> COPY <src> <dest>\n<img src=x onerror=y>');
  assert.doesNotMatch(out, /<[a-z/]/i);
  assert.match(out, /hi/);
  assert.match(out, /COPY &lt;src&gt; &lt;dest&gt;/);
});

test('HTML comments, also over several lines, disappear', () => {
  const out = sanitizeMarkdown('a <!-- hidden --> b\nc <!-- start\nmiddle\nend --> d');
  assert.equal(out, 'a  b\nc \n d');
});

test('autolinks to commands are shown as text', () => {
  const out = sanitizeMarkdown('<command:workbench.action.quit>');
  assert.equal(out, '&lt;command:workbench.action.quit&gt;');
});

test('images become their alt text', () => {
  const out = sanitizeMarkdown('![diagram](/assets/images/net1@2x.png) and ![x](https://evil.example/track.png)');
  assert.equal(out, 'diagram and x');
});

test('code spans and fenced blocks are kept verbatim', () => {
  const md = 'Use `COPY <src> <dest>` here.\n\n```dockerfile\nCOPY <<EOF /x\n<b>[a](command:x)</b>\nEOF\n```';
  assert.equal(sanitizeMarkdown(md), md);
});

test('an unclosed fence is closed so it cannot swallow what follows', () => {
  const out = sanitizeMarkdown('text\n~~~~\ncode <b>');
  assert.equal(out, 'text\n~~~~\ncode <b>\n~~~~');
});

test('a fence info string cannot smuggle markup', () => {
  const out = sanitizeMarkdown('```js <img src=x>\nx\n```');
  assert.equal(out.split('\n')[0], '```js');
});

test('blockquote markers survive; a > inside text is harmless', () => {
  assert.equal(sanitizeMarkdown('> quoted a > b'), '> quoted a &gt; b');
});

test('inlineCode and codeBlock pick fences longer than the content', () => {
  assert.equal(inlineCode('a`b'), '``a`b``');
  assert.equal(inlineCode('`x'), '`` `x ``');
  assert.equal(codeBlock('x\n```\ny'), '````\nx\n```\ny\n````');
});

test('raw HTML after an escaped backtick is not code: it is dropped', () => {
  // `\`` is a literal backtick, so no code span protects the tag between the two.
  const out = sanitizeMarkdown('\\`<img src=x onerror=alert(1)>\\` and \\`<b onmouseover=x>y</b>\\`');
  assert.doesNotMatch(out, /<[a-z/]/i);
  assert.doesNotMatch(out, /onerror|onmouseover/);
  assert.match(out, /y/);
});

test('a reference-style link whose target is on the next line cannot form a command link', () => {
  const out = sanitizeMarkdown('See [the page][ref] or [ref].\n\n[ref]:\n  command:workbench.action.quit\n');
  assert.doesNotMatch(out, /command:/);
  assert.match(out, /See the page or ref\./);
  assert.deepEqual(linkTargets(out), []);
});

test('lists, headings, tables, emphasis and code keep their shape', () => {
  const md = '## Title\n\n- one *two* **three**\n- `four`\n  1. nested\n\n| a | b |\n| --- | :---: |\n| `x\\|y` | z |\n\n> quote\n\n---';
  const out = sanitizeMarkdown(md);
  assert.equal(out, '## Title\n\n- one *two* **three**\n- `four`\n  1. nested\n\n| a | b |\n| --- | :---: |\n| `x\\|y` | z |\n\n> quote\n\n---');
});

test('the bundled-page command stays a link only with a real page id; https stays; mailto and others become text', () => {
  const ok = sanitizeMarkdown('[note](command:dockerfileNotes.openPage?%22en/instructions/copy%22)');
  assert.equal(ok, '[note](command:dockerfileNotes.openPage?%22en/instructions/copy%22)');
  const bad = sanitizeMarkdown('[a](command:dockerfileNotes.openPage?%22../../etc/passwd%22) [b](command:dockerfileNotes.openPageX) [c](mailto:x@y)');
  assert.equal(bad, 'a b c');
});

test('text that looks like markup after sanitizing stays text: entities, escaped brackets, list markers', () => {
  const out = sanitizeMarkdown('&lt;img src=x&gt; \\[a\\](command:x) &amp;\n\\- not a list');
  assert.doesNotMatch(out, /<|[^\\]\]\(command:/);
  assert.match(out, /^&lt;img src=x&gt; \\\[a\\\]\(command:x\) &amp;\n\\- not a list$/);
});
