// What a declaration reader finds: a Dockerfile, the context folder it is built with, and where that is said.
import type { FileSystemView } from '../fs';

export type DeclarationKind =
  | 'compose'
  | 'bake'
  | 'devcontainer'
  | 'workflow'
  | 'gitlab-ci'
  | 'cloudbuild'
  | 'skaffold'
  | 'jenkinsfile'
  | 'azure-pipelines'
  | 'script';

export interface Evidence {
  /** Absolute path of the declaring file. */
  file: string;
  /** 1-based line that holds the context (or the build command, or the entry when the context is implicit). */
  line: number;
  kind: DeclarationKind;
}

export interface BuildDeclaration {
  /** Absolute, normalised path of the Dockerfile. */
  dockerfile: string;
  /** Absolute, normalised path of the context folder. */
  context: string;
  evidence: Evidence;
  /** The build's name where the file gives one: compose service, bake target, workflow job, make target. */
  name?: string;
  /** What the reader had to assume, e.g. "bake runs from the repository root". */
  assumption?: string;
  /**
   * Named contexts of the build (`--build-context name=path`, bake `contexts`, compose
   * `additional_contexts`) that are local folders: name → absolute path. Images and URLs are left out.
   */
  namedContexts?: Readonly<Record<string, string>>;
}

/** A `docker buildx bake` run found in a workflow or script: which files, from which folder, which targets. */
export interface BakeRun {
  /** Absolute paths of the `-f` files; empty means bake's default lookup in `cwd`. */
  files: string[];
  /** Absolute folder bake runs in: relative `context`s are resolved from here. */
  cwd: string;
  /** Requested targets or groups; empty means the `default` group (or every target when unknown). */
  targets: string[];
  /** Whether some target argument could not be resolved (then every target may be built). */
  targetsUnknown?: boolean;
  /** Variables set in the environment of the run (bake reads them): name → value, or null when unresolved. */
  env: Record<string, string | null>;
  /** `--set` overrides of `context` / `dockerfile`: `target.attr` or `*.attr` → value. */
  sets: Record<string, string>;
  evidence: Evidence;
  name?: string;
  assumption?: string;
}

/** A compose file named on a command line (`docker compose -f x.yml …`) or by a devcontainer. */
export interface ComposeRef {
  file: string;
}

export interface ReaderInput {
  /** Absolute path of the declaration file. */
  file: string;
  text: string;
  /** The scan root: the workspace folder (editor) or the repository root (CLI). */
  root: string;
  /** Read-only view for what a reader must look up (`.env`, `include`d files, `extends`). */
  fs: FileSystemView;
  log?: (message: string) => void;
  /** A file (existing or not) whose content changes what this reader found: `.env`, includes, callees. */
  dependsOn?: (file: string) => void;
  /** A `docker buildx bake` run: the scan evaluates the bake files once every reader has run. */
  bakeRun?: (run: BakeRun) => void;
  /** A compose file named elsewhere; the scan reads it with the compose reader. */
  composeRef?: (ref: ComposeRef) => void;
}

export interface DeclarationReader {
  kind: DeclarationKind;
  /** Whether this reader reads the file (path relative to the scan root, forward slashes). */
  accepts(relativePath: string): boolean;
  read(input: ReaderInput): BuildDeclaration[];
}

export interface DeclarationIndex {
  root: string;
  /** Declarations by absolute Dockerfile path. */
  byDockerfile: ReadonlyMap<string, readonly BuildDeclaration[]>;
  /** Declaration files that were read. */
  files: readonly string[];
  /** Files left out, with the reason (too large, not a regular file, invalid, over the file budget). */
  skipped: ReadonlyArray<{ file: string; why: string }>;
  /** Entries (files and folders) the walk visited. */
  entriesVisited?: number;
}
