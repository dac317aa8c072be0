// "The command the container will actually run" for a CMD/ENTRYPOINT hover.
import type { AnalysisContext } from '../../context';
import type { ParsedDocument, Stage } from '../../parse/document';
import type { CommandKeyword, CommandSource } from '../../model/commandLine';
import { argvJson, stageCommand, overriddenBy } from '../../model/commandLine';
import { codeBlock } from './sanitize';
import { heredocDelimiter } from '../../rules/shell-form';
import { scriptShape, shellStays } from '../../model/shell/script';
import { shName } from '../../model/images';
import { say } from './strings';
import { setElsewhere } from './facts';

export function commandSection(doc: ParsedDocument, ctx: AnalysisContext, stage: Stage, keyword: CommandKeyword | null, line: number): string {
  const { lang } = ctx;
  const cmd = stageCommand(doc, stage);
  const stageName = stage.name ?? String(stage.index);
  const title = `**${doc.stages.length > 1 ? say(lang, 'runsStage', { stage: stageName }) : say(lang, 'runs')}**`;
  const out: string[] = [title];
  const image = cmd.baseImage ?? '';
  if (cmd.argv.length > 0) out.push(codeBlock(argvJson(cmd.argv), 'json'));
  const elsewhere = (keywords: string[]) => ({ md: setElsewhere(doc, stage, keywords, lang) });
  if (cmd.argv.length === 0) {
    const both = elsewhere(['ENTRYPOINT', 'CMD']);
    out.push(cmd.entrypointFromBase && cmd.cmdFromBase ? say(lang, 'runsNothing', { image, elsewhere: both }) : say(lang, 'runsEmpty', { elsewhere: both }));
  } else {
    if (cmd.entrypointFromBase) out.push(say(lang, 'runsPartialEntrypoint', { image, elsewhere: elsewhere(['ENTRYPOINT']) }));
    if (!cmd.entrypoint && cmd.cmdFromBase) out.push(say(lang, 'runsPartialCmd', { image, elsewhere: elsewhere(['CMD']) }));
  }

  const remarks: string[] = [];
  if (keyword) {
    const later = overriddenBy(doc, stage, keyword, line);
    if (later !== null) remarks.push(say(lang, 'overridden', { keyword, line: later + 1 }));
  }
  const shellSource = [cmd.entrypoint, cmd.entrypoint?.form === 'exec' || !cmd.entrypoint ? cmd.cmd : null].find(
    (s): s is CommandSource => !!s && s.form !== 'exec',
  );
  if (cmd.entrypoint && cmd.cmdIgnored) {
    remarks.push(say(lang, cmd.cmdDropped === 'first' ? 'cmdIgnoredFirst' : 'cmdIgnored', { line: cmd.entrypoint.line + 1 }));
  }
  if (cmd.cmdResetBy && (keyword === 'ENTRYPOINT' || keyword === 'CMD')) {
    const parent = stage.parent?.name ?? cmd.baseImage ?? '';
    remarks.push(say(lang, 'cmdReset', { line: cmd.cmdResetBy.line + 1, parent }));
  }
  if (shellSource) {
    if (shellSource.form === 'invalid') remarks.push(say(lang, 'invalidJson', { line: shellSource.line + 1 }));
    const text = shellSource.argv[shellSource.argv.length - 1] ?? '';
    if (heredocDelimiter(text)) remarks.push(say(lang, 'heredocNotRead', { line: shellSource.line + 1, keyword: shellSource.keyword }));
    const shell = (shellSource.shell ?? []).join(' ');
    if (shellSource === cmd.cmd && cmd.entrypoint?.form === 'exec' && cmd.entrypoint.argv.length > 0) {
      // The CMD's shell words are arguments of the ENTRYPOINT program, which is the main process.
      const program = cmd.entrypoint.argv[0];
      remarks.push(say(lang, 'shellWrappedArgs', { line: shellSource.line + 1, entrypoint: cmd.entrypoint.line + 1, shell, program }));
    } else if (!cmd.windows && cmd.sh === 'none') {
      remarks.push(say(lang, 'shellWrappedNone', { line: shellSource.line + 1, image }));
    } else {
      // Which process is the main one depends on the image's /bin/sh (dash stays, ash and bash exec).
      const shape = scriptShape(text);
      const flavour = cmd.windows || shellSource.shell?.[0] !== '/bin/sh' ? null : cmd.sh === 'none' ? null : cmd.sh;
      if (shape.kind === 'exec') {
        // `exec program …`: the program replaces the shell in every shell; nothing to remark.
      } else if (flavour && flavour !== 'dash' && !shellStays(flavour, shape) && shape.program) {
        remarks.push(say(lang, 'shellWrappedExecs', { line: shellSource.line + 1, shell, sh: shName(flavour), program: shape.program }));
      } else if (!cmd.windows && cmd.sh === null && shellSource.shell?.[0] === '/bin/sh' && image && (shape.kind === 'simple' || shape.kind === 'list')) {
        // An image this project does not know: what each usual /bin/sh does with one command (the
        // diagnostic speaks of Debian-based images).
        remarks.push(say(lang, 'shellUnknown', { line: shellSource.line + 1, shell, image }));
      } else remarks.push(say(lang, 'shellWrapped', { line: shellSource.line + 1, shell }));
    }
  }
  for (const source of [cmd.entrypoint, cmd.cmd]) {
    if (source && source.stage !== stage.index) {
      const from = doc.stages[source.stage];
      remarks.push(say(lang, 'inherited', { keyword: source.keyword, stage: from?.name ?? String(source.stage), line: source.line + 1 }));
    }
  }
  if (doc.stages.length > 1 && stage.index !== doc.stages.length - 1) remarks.push(say(lang, 'notFinalStage', { stage: stageName }));
  remarks.push(say(lang, 'dockerRunArgs'));
  out.push(remarks.map((r) => `- ${r}`).join('\n'));
  return out.join('\n\n');
}

/** For `ONBUILD CMD …` / `ONBUILD ENTRYPOINT …`: whose command it sets, instead of this stage's command line. */
export function onbuildCommandNote(lang: AnalysisContext['lang'], keyword: string): string {
  return `**${say(lang, 'onbuildTitle', { keyword })}**\n\n${say(lang, 'onbuildCommand', { keyword })}`;
}
