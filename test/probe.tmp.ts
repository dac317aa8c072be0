import { parseDocument } from '../server/src/engine/parse/document';
import { commandInfo } from '../server/src/engine/model/commands';
import { analyzeText, codeActions } from '../server/src/engine/analysis/analyze';
const texts = process.argv.slice(2).map(t => JSON.parse(t));
for (const t of texts) {
  const doc = parseDocument(t);
  for (const i of doc.instructions) { const info = commandInfo(doc, i); if (info) console.log(JSON.stringify({kw: info.keyword, form: info.form, text: info.text, edit: info.editRange, r: i.getRange()})); }
  const f = analyzeText(t);
  for (const x of f) console.log('  ', x.code, x.severity, x.range.start.line, x.message.slice(0, 100));
  const fixes = codeActions(doc, { lang: 'en', settings: (require('../server/src/engine/context').DEFAULT_SETTINGS), fs: null as any, documentPath: null, workspaceFolder: null }, { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } }, f);
  for (const x of fixes) console.log('   fix', x.kind, x.safe ? 'SAFE' : '', x.title);
}
