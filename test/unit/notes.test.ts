import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_GIST_LINES, parseNote } from '../../server/src/engine/notes/builtin';

const repoRoot = path.resolve(__dirname, '..', '..');
const notesRoot = path.join(repoRoot, 'notes');
const languages = ['en', 'zh-cn'] as const;
const exampleHeading: Record<(typeof languages)[number], string> = { en: '## Example', 'zh-cn': '## 示例' };

const required: Record<string, string[]> = {
  instructions: [
    'from', 'run', 'cmd', 'label', 'maintainer', 'expose', 'env', 'add', 'copy', 'entrypoint',
    'volume', 'user', 'workdir', 'arg', 'onbuild', 'stopsignal', 'healthcheck', 'shell',
  ],
  directives: ['syntax', 'escape', 'check'],
  flags: [
    'from', 'chown', 'chmod', 'link', 'parents', 'exclude', 'checksum', 'keep-git-dir', 'unpack',
    'mount', 'network', 'security', 'platform', 'healthcheck-interval', 'healthcheck-timeout',
    'healthcheck-start-period', 'healthcheck-start-interval', 'healthcheck-retries',
  ],
  topics: [
    'build-context', 'foreground-process', 'entrypoint-cmd', 'shell-vs-exec', 'docker-run',
    'load-vs-import', 'dockerignore',
  ],
};

/** All markdown files under dir, as forward-slash paths relative to dir. */
function listMarkdown(dir: string): string[] {
  const out: string[] = [];
  const walk = (sub: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.md')) out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

function read(lang: string, rel: string): string {
  return fs.readFileSync(path.join(notesRoot, lang, rel), 'utf8').replace(/\r\n/g, '\n');
}

/** Removes fenced code blocks (keeping line structure) and inline code spans. */
function stripCode(text: string): string {
  const lines = text.split('\n');
  let inFence = false;
  const kept = lines.map((line) => {
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      return '';
    }
    return inFence ? '' : line;
  });
  return kept.join('\n').replace(/`[^`\n]*`/g, '');
}

/** Drops whitespace, punctuation and symbols so only the wording is compared. */
function normalize(text: string): string[] {
  return Array.from(text.replace(/[\s\p{P}\p{S}]+/gu, ''));
}

const files: Record<string, string[]> = {};
for (const lang of languages) files[lang] = listMarkdown(path.join(notesRoot, lang));

test('both languages have the same set of note files', () => {
  assert.ok(files.en.length > 0, 'notes/en is empty');
  assert.deepEqual(files['zh-cn'], files.en);
});

test('every required instruction, directive, flag and topic has a note in both languages', () => {
  for (const lang of languages) {
    for (const [kind, names] of Object.entries(required)) {
      for (const name of names) {
        const rel = `${kind}/${name}.md`;
        assert.ok(files[lang].includes(rel), `missing notes/${lang}/${rel}`);
      }
    }
  }
});

test('every note starts with a title, a blank line, a gist of 2–5 lines and a blank line', () => {
  for (const lang of languages) {
    for (const rel of files[lang]) {
      const lines = read(lang, rel).split('\n');
      const where = `notes/${lang}/${rel}`;
      assert.match(lines[0] ?? '', /^# \S/, `${where}: line 1 must be a "# " title`);
      assert.equal(lines[1], '', `${where}: line 2 must be blank`);
      const end = lines.indexOf('', 2);
      const gist = lines.slice(2, end);
      assert.ok(gist.length >= 2 && gist.length <= MAX_GIST_LINES, `${where}: the gist has ${gist.length} lines (2–${MAX_GIST_LINES})`);
      gist.forEach((line, i) => {
        assert.doesNotMatch(line, /^\s*(#|```|- |\* |\|)/, `${where}: gist line ${i + 1} is not a sentence`);
      });
      const note = parseNote('instructions', 'x', lang, read(lang, rel));
      assert.equal(note.gist, gist.join('\n'), `${where}: parseNote reads the gist`);
      assert.ok(note.example && note.example.code.trim().length > 0, `${where}: parseNote finds no example`);
    }
  }
});

test('parseNote: the gist ends at the first blank line, the example at the first blank line of the block', () => {
  const note = parseNote('instructions', 'copy', 'en', '# COPY\n\nOne.\nTwo.\nThree.\n\nDetails.\n\n## Example\n```dockerfile\n\nCOPY a b\nCOPY c d\n\nRUN x\n```\n');
  assert.equal(note.title, 'COPY');
  assert.equal(note.gist, 'One.\nTwo.\nThree.');
  assert.deepEqual(note.example, { language: 'dockerfile', code: 'COPY a b\nCOPY c d' });
  const zh = parseNote('instructions', 'copy', 'zh-cn', '# COPY\n\n一。\n二。\n\n## 示例\n```dockerfile\nCOPY a b\n```\n');
  assert.deepEqual(zh.example, { language: 'dockerfile', code: 'COPY a b' });
  assert.equal(parseNote('topics', 't', 'en', '# T\n\nA.\nB.\n').example, null);
});

test('every note has an example section with a fenced code block', () => {
  for (const lang of languages) {
    for (const rel of files[lang]) {
      const text = read(lang, rel);
      const where = `notes/${lang}/${rel}`;
      const lines = text.split('\n');
      const heading = lines.indexOf(exampleHeading[lang]);
      assert.ok(heading > 4, `${where}: no "${exampleHeading[lang]}" section`);
      const fenceOpen = lines.findIndex((l, i) => i > heading && /^```\S*$/.test(l));
      assert.ok(fenceOpen > heading, `${where}: example section has no fenced block`);
      const fenceClose = lines.findIndex((l, i) => i > fenceOpen && l === '```');
      assert.ok(fenceClose > fenceOpen + 1, `${where}: example block is empty or unclosed`);
      const fences = lines.filter((l) => /^\s*```/.test(l)).length;
      assert.equal(fences % 2, 0, `${where}: unbalanced code fences`);
    }
  }
});

test('no note contains raw HTML or command links', () => {
  for (const lang of languages) {
    for (const rel of files[lang]) {
      const text = read(lang, rel);
      const where = `notes/${lang}/${rel}`;
      const prose = stripCode(text);
      const tag = /<\/?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?\/?>|<!--/.exec(prose);
      assert.equal(tag, null, `${where}: raw HTML ${tag?.[0]}`);
      assert.doesNotMatch(text, /\]\(\s*<?\s*command:/i, `${where}: command: link`);
      assert.doesNotMatch(text, /<command:/i, `${where}: command: autolink`);
      assert.doesNotMatch(text, /^\s*\[[^\]]+\]:\s*<?command:/im, `${where}: command: reference link`);
    }
  }
});

test('links between notes are relative and point at existing notes', () => {
  for (const lang of languages) {
    for (const rel of files[lang]) {
      const prose = stripCode(read(lang, rel));
      for (const m of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1];
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // external URL, allowed
        assert.ok(!target.startsWith('/'), `notes/${lang}/${rel}: absolute link ${target}`);
        const resolved = path.join(notesRoot, lang, path.dirname(rel), target.split('#')[0]);
        assert.ok(fs.existsSync(resolved), `notes/${lang}/${rel}: broken link ${target}`);
      }
    }
  }
});

const sharedNotes = path.resolve(repoRoot, '..', 'shared', 'notes', 'docker-deep-dive.zh.md');
const RUN = 12;

test('zh-cn notes do not reuse 12-character runs from the user notes', (t) => {
  if (!fs.existsSync(sharedNotes)) {
    t.skip(`user notes not found at ${sharedNotes}; overlap check skipped`);
    return;
  }
  const source = normalize(fs.readFileSync(sharedNotes, 'utf8'));
  const grams = new Set<string>();
  for (let i = 0; i + RUN <= source.length; i++) grams.add(source.slice(i, i + RUN).join(''));
  assert.ok(grams.size > 100, 'user notes unexpectedly short');

  const hits: string[] = [];
  for (const rel of files['zh-cn']) {
    const lines = stripCode(read('zh-cn', rel)).split('\n');
    lines.forEach((line, idx) => {
      const chars = normalize(line);
      for (let i = 0; i + RUN <= chars.length; i++) {
        const gram = chars.slice(i, i + RUN).join('');
        if (grams.has(gram)) {
          hits.push(`notes/zh-cn/${rel}:${idx + 1}: "${gram}"`);
          break;
        }
      }
    });
  }
  assert.deepEqual(hits, [], `lines sharing ${RUN}+ characters with the user notes:\n${hits.join('\n')}`);
});

test('the overlap check itself detects a copied sentence', () => {
  const a = normalize('镜像层是只读的，而容器层可以写入数据。');
  const b = normalize('注意：镜像层是只读的 而容器层可以写入!');
  const gramsA = new Set<string>();
  for (let i = 0; i + RUN <= a.length; i++) gramsA.add(a.slice(i, i + RUN).join(''));
  let found = false;
  for (let i = 0; i + RUN <= b.length; i++) if (gramsA.has(b.slice(i, i + RUN).join(''))) found = true;
  assert.ok(found);
  assert.deepEqual(normalize('a `b` c'), ['a', 'b', 'c']);
  assert.equal(stripCode('x `COPY ../a /b` y\n```\nCOPY a b\n```\nz'), 'x  y\n\n\n\nz');
});
