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
