// Markup that comes from the file or the file system never becomes live markdown: stage names, ARG/ENV
// names and values, COPY sources and destinations, file names listed from the build context, image names,
// CMD argv, WORKDIR, .dockerignore lines, compose-declared context paths and service names, the user's
// notes file name and body. Every hover (each keyword, each word of each line), completion documentation and
// signature help of a hostile workspace is parsed with a real markdown parser: no HTML, no image, no link
// other than https and the bundled pages, no `](command:` outside code, in English and Chinese.
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import type { MarkupContent } from 'vscode-languageserver-protocol/node';
import { SignatureHelpRequest } from 'vscode-languageserver-protocol/node';
import { REPO_ROOT, TestClient } from '../helpers/lspClient';

const IMG = '<img src=x onerror=alert(1)>';
const CMD_LINK = '[go](command:workbench.action.quit)';
const STAGE = '[x](command:workbench.action.quit)';

let root: string;
const CONTEXT_DIR = 'ctx[c](command:evil)<b>';
const dockerfile = [
  `ARG BASE=alpine${IMG}`,
  `FROM \${BASE} AS ${STAGE}`,
  `ARG A${IMG}=${CMD_LINK}`,
  `ENV E\`<i>\`=${IMG} F=${CMD_LINK}`,
  `WORKDIR /w/${IMG}${CMD_LINK}`,
  `COPY ["${IMG}", "/d/${CMD_LINK}/"]`,
  'COPY *onerror* /m/',
  'COPY secret.txt /s',
  // Suppressed, so that the hover (not the diagnostic above it) is what says which .dockerignore line excludes it.
  '# hadolint ignore=copy-source-ignored',
  'COPY ignx* /i/',
  `COPY --from=${STAGE} /a /b`,
  'RUN echo $E $F ${A<img>}',
  `CMD ["${IMG}", "${CMD_LINK}", "\`\`\`"]`,
  `FROM ${STAGE} AS second`,
  `ENTRYPOINT echo ${IMG} ${CMD_LINK}`,
  'COPY missing-in-ctx.txt /x',
  `FROM alpine${IMG}${CMD_LINK}`,
  '',
].join('\n');

const notesBody = [
  '## COPY',
  // An escaped backtick does not open a code span: the tag after it is raw HTML.
  '\\`<img src=n onerror=alert(2)>\\`',
  '',
  // A reference-style link whose target is on the next line.
  'See [the page][ref].',
  '',
  '[ref]:',
  '  command:workbench.action.quit',
  '',
].join('\n');

before(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dfn-proto-markup-')));
  const ctx = path.join(root, CONTEXT_DIR);
  fs.mkdirSync(ctx, { recursive: true });
  fs.writeFileSync(path.join(ctx, IMG), 'x');
  fs.writeFileSync(path.join(ctx, `z${IMG}onerror`), 'x');
  fs.writeFileSync(path.join(ctx, 'secret.txt'), 'x');
  fs.writeFileSync(path.join(ctx, 'ignx(command:ignore)<b>'), 'x');
  fs.writeFileSync(path.join(ctx, '.dockerignore'), 'ign*(command:ignore)<b>\nsecret.txt\n');
  fs.mkdirSync(path.join(root, 'app'));
  fs.writeFileSync(path.join(root, 'app', 'Dockerfile'), dockerfile);
  fs.writeFileSync(
    path.join(root, 'docker-compose.yml'),
    ['services:', `  "svc[s](command:service)${IMG}":`, '    build:', `      context: "./${CONTEXT_DIR}"`, '      dockerfile: ../app/Dockerfile', ''].join('\n'),
  );
  fs.writeFileSync(path.join(root, `notes${IMG}.md`), notesBody);
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

const md = new MarkdownIt({ html: true });
md.validateLink = () => true; // see every link the text forms, whatever its scheme

/** What makes markdown live: HTML, images, links that are neither https nor a bundled page. */
function liveMarkup(markdown: string): string[] {
  const problems: string[] = [];
  const visit = (tokens: ReturnType<MarkdownIt['parse']>): void => {
    for (const t of tokens) {
      if (t.type === 'html_block' || t.type === 'html_inline') problems.push(`HTML ${JSON.stringify(t.content)}`);
      if (t.type === 'image') problems.push(`image ${t.attrGet('src')}`);
      if (t.type === 'link_open') {
        const href = t.attrGet('href') ?? '';
        const bundled = href.startsWith('file://') && decodeURIComponent(new URL(href).pathname).startsWith(REPO_ROOT);
        if (!/^https:\/\//.test(href) && !bundled && !/^command:dockerfileNotes\.openPage\?/.test(href)) problems.push(`link ${href}`);
      }
      if (t.children) visit(t.children);
    }
  };
  visit(md.parse(markdown, {}));
  // Outside code (fences, then code spans of any backtick run), no raw `<` and no unescaped `](command:`.
  const outside = markdown.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[`~]*$/gm, '').replace(/(`+)[\s\S]*?[^`]\1(?!`)/g, '');
  if (/</.test(outside)) problems.push('raw <');
  if (/(?<!\\)\]\(command:(?!dockerfileNotes\.openPage)/.test(outside)) problems.push('unescaped ](command:');
  return problems;
}

for (const locale of ['en', 'zh-cn']) {
  test(`no live markup from the file or the file system reaches hovers, completion or signature help (${locale})`, { timeout: 120_000 }, async () => {
    const client = await TestClient.start({ workspaceFolder: root, locale, settings: { notes: { paths: [`notes${IMG}.md`] } } });
    try {
      const uri = client.uriFor(path.join(root, 'app', 'Dockerfile'));
      await client.open(uri, dockerfile);
      await client.waitForDiagnostics(uri);
      const seen: string[] = [];
      const failures: string[] = [];
      const check = (what: string, text: string) => {
        const problems = liveMarkup(text);
        if (problems.length) failures.push(`${what}: ${problems.join('; ')}\n${text}`);
      };
      const lines = dockerfile.split('\n');
      for (let line = 0; line < lines.length; line++) {
        // The keyword, then every word (and the character after each space or punctuation mark).
        const positions = new Set<number>([0]);
        for (let ch = 1; ch < lines[line].length; ch++) if (/[\s"'=$[(/*,{]/.test(lines[line][ch - 1])) positions.add(ch);
        for (const ch of positions) {
          const text = await client.hoverText(uri, line, ch);
          if (!text) continue;
          seen.push(text);
          check(`hover at ${line}:${ch}`, text);
        }
      }
      // Completion after --from= lists the stages with documentation; signature help on COPY.
      const copyFrom = lines.findIndex((l) => l.startsWith('COPY --from='));
      const list = await client.completion(uri, copyFrom, 'COPY --from='.length);
      for (const item of list.items) {
        const doc = item.documentation as MarkupContent | string | undefined;
        const value = typeof doc === 'string' ? doc : doc?.kind === 'markdown' ? doc.value : '';
        seen.push(value);
        check(`completion ${item.label}`, value);
      }
      const help = await client.connection.sendRequest(SignatureHelpRequest.type, { textDocument: { uri }, position: { line: 5, character: 5 } });
      for (const s of help?.signatures ?? []) {
        const value = typeof s.documentation === 'string' ? '' : (s.documentation?.value ?? '');
        check('signature help', value);
      }
      // Inlay hints (the effective command shows the CMD's words) carry plain-text tooltips, never markdown.
      const hints = await client.inlayHints(uri, { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } });
      assert.ok(hints.length > 0, 'inlay hints are shown');
      for (const h of hints) assert.ok(h.tooltip === undefined || typeof h.tooltip === 'string', `plain tooltip: ${JSON.stringify(h.tooltip)}`);
      assert.deepEqual(failures, []);
      // Every hostile value was shown somewhere, so each path above was really exercised.
      const all = seen.join('\n');
      for (const shown of ['onerror=alert(1)', 'command:workbench.action.quit', 'See the page', 'command:evil', 'command:ignore', 'command:service', 'secret.txt', 'missing-in-ctx.txt']) {
        assert.ok(all.includes(shown), `${shown} appears in some hover`);
      }
    } finally {
      await client.stop();
    }
  });
}
