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
}
