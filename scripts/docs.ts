// Writes the rule table (from the catalogue) into README.md, README.extension.md (the extension's page)
// and docs/rules/README.md.
// `--check` exits 1 when either is out of date (the unit tests call renderRulesTable directly).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../server/src/engine/catalog';

const REPO = path.resolve(__dirname, '..');

export function renderRulesTable(linkPrefix: string): string {
  const rows = RULES.map((r) => {
    const aliases = r.aliases.length ? r.aliases.map((a) => `\`${a}\``).join(', ') : '';
    return `| [\`${r.code}\`](${linkPrefix}${r.code}.md) | ${r.severity} | ${aliases} | ${r.fixable ? 'yes' : ''} | ${r.title.en} |`;
  });
  return ['| code | default | aliases | fix | what it catches |', '|---|---|---|---|---|', ...rows].join('\n');
}

export function withTable(text: string, table: string): string {
  return text.replace(/(<!-- rules:start -->\n)[\s\S]*?(<!-- rules:end -->)/, `$1${table}\n$2`);
}

const targets: Array<[string, string]> = [
  [path.join(REPO, 'README.md'), 'docs/rules/'],
  [path.join(REPO, 'README.extension.md'), 'docs/rules/'],
  [path.join(REPO, 'docs', 'rules', 'README.md'), './'],
];

export function outdatedFiles(): string[] {
  return targets.filter(([file, prefix]) => {
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    return withTable(text, renderRulesTable(prefix)) !== text || !text.includes('<!-- rules:start -->');
  }).map(([f]) => path.relative(REPO, f));
}

if (require.main === module) {
  if (process.argv.includes('--check')) {
    const stale = outdatedFiles();
    if (stale.length) {
      console.error(`out of date: ${stale.join(', ')} (run npm run docs)`);
      process.exit(1);
    }
  } else {
    const index = path.join(REPO, 'docs', 'rules', 'README.md');
    if (!fs.existsSync(index)) fs.writeFileSync(index, '# Rules\n\nOne page per rule; the table comes from the catalogue (`npm run docs`).\n\n<!-- rules:start -->\n<!-- rules:end -->\n');
    for (const [file, prefix] of targets) fs.writeFileSync(file, withTable(fs.readFileSync(file, 'utf8'), renderRulesTable(prefix)));
    console.log('rule tables written');
  }
}
