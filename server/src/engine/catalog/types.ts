import type { Lang, Severity } from '../types';

/** One row of the rule catalogue. The server, the CLI, the docs and the tests all read these rows. */
export interface RuleDefinition {
  /** Stable kebab-case code, e.g. `copy-outside-context`. */
  code: string;
  /** Default severity. Users can change it with `dockerfileNotes.rules`. */
  severity: Severity;
  /**
   * Other names that suppression comments and settings accept: BuildKit check names (PascalCase,
   * matched case-sensitively, as BuildKit does) and hadolint codes (`DL3020`).
   */
  aliases: string[];
  /** The rule family file in `rules/` that implements it. */
  family: string;
  /** One-line summary per language, used in docs and the CLI's `explain`. */
  title: Record<Lang, string>;
  /**
   * Message templates per language. `default` is required; other keys are variants a rule picks.
   * `{name}` placeholders are filled from the finding's arguments.
   */
  messages: Record<Lang, Record<string, string>>;
  /**
   * Default severity of some message variants, when it differs from `severity` (e.g. a shell-form CMD on an
   * image whose /bin/sh execs the command is only `info`). `dockerfileNotes.rules` still overrides it,
   * except for the tentative variants below.
   */
  variantSeverity?: Record<string, Severity>;
  /**
   * Variants said about a build context that is only a guess (e.g. a source found in another candidate
   * folder): they keep their own level whatever `dockerfileNotes.rules` or `# check=error=true` say; `off`
   * still silences them.
   */
  tentativeVariants?: readonly string[];
  /** Whether a quick fix is offered for it. */
  fixable: boolean;
  /** Shown faded by editors (e.g. an instruction that has no effect). */
  unnecessary?: boolean;
}
