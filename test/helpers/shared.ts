// Where the tests find the shared data kept outside the repository, and what they say when it is absent.
// `../shared` beside the checkout (next to the repository folder); the corpus can be moved with DFN_CORPUS.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SHARED_DIR = path.resolve(REPO_ROOT, '..', 'shared');
/** The corpus root (holding dockerfiles/ and stress/): `../shared/corpus`, or DFN_CORPUS. */
export const CORPUS_DIR = process.env.DFN_CORPUS ? path.resolve(process.env.DFN_CORPUS) : path.join(SHARED_DIR, 'corpus');
export const CORPUS_DOCKERFILES = path.join(CORPUS_DIR, 'dockerfiles');
export const STRESS_10K = path.join(CORPUS_DIR, 'stress', 'stress_10k.Dockerfile');
export const STRESS_100K = path.join(CORPUS_DIR, 'stress', 'stress_100k.Dockerfile');
export const SHARED_NOTES = path.join(SHARED_DIR, 'notes', 'docker-deep-dive.zh.md');

/** The corpus Dockerfiles' names, sorted; [] when the corpus is absent. */
export function corpusNames(): string[] {
  return fs.existsSync(CORPUS_DOCKERFILES) ? fs.readdirSync(CORPUS_DOCKERFILES).sort() : [];
}

/** A skip reason when `p` does not exist (false when it does): what is missing and where to put it. */
export function absent(p: string): string | false {
  if (fs.existsSync(p)) return false;
  const inCorpus = !path.relative(CORPUS_DIR, p).startsWith('..');
  const where = inCorpus
    ? `put the corpus at ../shared/corpus beside the repository, or set DFN_CORPUS to its folder`
    : `put the shared test data at ../shared beside the repository`;
  return `${path.relative(REPO_ROOT, p)} not found: ${where}`;
}
