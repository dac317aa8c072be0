// Chinese terminology (notes/GLOSSARY.md): one term per concept, full-width punctuation, one quote style,
// in every Chinese text the project ships.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../server/src/engine/catalog';
import { stringTable } from '../../server/src/engine/features/hover/strings';

const repoRoot = path.resolve(__dirname, '..', '..');

/** Deprecated variants and what replaces them. */
const REJECTED: Array<[RegExp, string]> = [
  [/shell\s*格式|shell\s*写法/i, 'shell 形式'],
  [/exec\s*格式|exec\s*写法/i, 'exec 形式'],
  [/参数列表格式/, '参数形式'],
  [/JSON\s*数组写法/, 'JSON 数组形式'],
  [/构建环境|上下文环境/, '构建上下文'],
  [/1号进程|一号进程/, '1 号进程'],
  [/(?<!1 号进程（)PID\s*1/, '1 号进程 (or 1 号进程（PID 1）)'],
  [/旗标|标志位/, '选项'],
  [/--[a-z][a-z-]*`?\s*参数|参数\s*`?--[a-z]/, '选项 (a flag is a 选项)'],
  [/基镜像|底层镜像/, '基础镜像'],
  [/构建变量/, '构建参数'],
  [/跑出了|多了几样本事|本事|换底/, 'plain wording (see the Tone section)'],
  [/「|」|‘|’/, '“…”'],
];

/** The notes about LABEL itself, where every 标签 is a LABEL. */
const LABEL_NOTES = /notes\/zh-cn\/instructions\/(label|maintainer)\.md$/;

/** Half-width punctuation next to a Chinese character (or a full-width one). */
const HALF_WIDTH = /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef][,;:?!()]|[,;:?!(][\u3400-\u9fff]|\)[\u3400-\u9fff]/;
/** ASCII quotes around Chinese text. */
const ASCII_QUOTED_CJK = /"[^"\n]*[\u3400-\u9fff][^"\n]*"/;

/** Text without fenced blocks and code spans (code keeps its own characters). */
function prose(text: string): string {
  let fenced = false;
  return text
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) {
        fenced = !fenced;
        return '';
      }
      return fenced ? '' : line;
    })
    .join('\n')
    .replace(/`[^`\n]*`/g, 'X');
}

interface Source {
  where: string;
  text: string;
}

function zhSources(): Source[] {
  const out: Source[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else if (e.name.endsWith('.md')) out.push({ where: path.relative(repoRoot, abs), text: fs.readFileSync(abs, 'utf8') });
    }
  };
  walk(path.join(repoRoot, 'notes', 'zh-cn'));
  for (const rule of RULES) {
    out.push({ where: `catalogue ${rule.code} title`, text: rule.title['zh-cn'] });
    for (const [key, message] of Object.entries(rule.messages['zh-cn'])) out.push({ where: `catalogue ${rule.code}.${key}`, text: message });
  }
  for (const [key, text] of Object.entries(stringTable('zh-cn'))) out.push({ where: `hover string ${key}`, text });
  for (const file of ['package.nls.zh-cn.json', 'l10n/bundle.l10n.zh-cn.json']) {
    const json = JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8')) as Record<string, string>;
    for (const [key, text] of Object.entries(json)) out.push({ where: `${file} ${key}`, text });
  }
  const rules = path.join(repoRoot, 'docs', 'rules');
  for (const name of fs.readdirSync(rules).filter((n) => n.endsWith('.md') && n !== 'README.md')) {
    const text = fs.readFileSync(path.join(rules, name), 'utf8');
    const at = text.indexOf('## 中文');
    if (at >= 0) out.push({ where: `docs/rules/${name} (中文)`, text: text.slice(at + '## 中文'.length) });
  }
  return out;
}

test('Chinese texts use the glossary terms, not their deprecated variants', () => {
  const problems: string[] = [];
  for (const { where, text } of zhSources()) {
    prose(text).split('\n').forEach((line, i) => {
      for (const [pattern, use] of REJECTED) {
        const m = pattern.exec(line);
        if (m) problems.push(`${where}:${i + 1}: "${m[0]}" → ${use}`);
      }
      if (/标签/.test(line) && !/LABEL|label/.test(line) && !LABEL_NOTES.test(where)) problems.push(`${where}:${i + 1}: 标签 is for LABEL; an image tag is "tag"`);
    });
  }
  assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
});

test('Chinese texts use full-width punctuation and “…” quotes', () => {
  const problems: string[] = [];
  for (const { where, text } of zhSources()) {
    prose(text).split('\n').forEach((line, i) => {
      if (!/[\u3400-\u9fff]/.test(line)) return;
      const half = HALF_WIDTH.exec(line);
      if (half) problems.push(`${where}:${i + 1}: half-width "${half[0]}" in: ${line.trim().slice(0, 80)}`);
      const quoted = ASCII_QUOTED_CJK.exec(line);
      if (quoted) problems.push(`${where}:${i + 1}: ASCII quotes around Chinese text ${quoted[0].slice(0, 40)} → “…”`);
    });
  }
  assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
});

test('the checks find what they look for', () => {
  assert.ok(REJECTED.some(([p]) => p.test('这是 shell 格式')));
  assert.ok(!REJECTED.some(([p]) => p.test('这是 shell 形式，1 号进程（PID 1）是 sh')));
  assert.ok(REJECTED.some(([p]) => p.test('PID 1 是 sh')));
  assert.ok(REJECTED.some(([p]) => p.test('用 `--chown` 参数')));
  assert.ok(HALF_WIDTH.test('构建上下文(默认)'));
  assert.ok(HALF_WIDTH.test('注意:这里'));
  assert.ok(!HALF_WIDTH.test(prose('路径 `a:b` 与 `c,d`')));
  assert.ok(ASCII_QUOTED_CJK.test('构建会因 "找不到" 而失败'));
  assert.equal(prose('a `x` b\n```\nc\n```'), 'a X b\n\n\n');
});
