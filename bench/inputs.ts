// Benchmark inputs: the shared corpus (when present), its stress files, and a generated multi-stage file.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..');
/** `../shared/corpus` beside the checkout, or DFN_CORPUS (as for the tests). */
export const CORPUS_ROOT = process.env.DFN_CORPUS ? path.resolve(process.env.DFN_CORPUS) : path.resolve(REPO_ROOT, '..', 'shared', 'corpus');

export interface Input {
  label: string;
  /** Absolute path the document is opened as (it need not exist on disk). */
  path: string;
  text: string;
  lines: number;
}

export function lineCount(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

/** The real Dockerfiles of the corpus, sorted by name; [] when the corpus is absent. */
export function corpusFiles(every = 1): Input[] {
  const dir = path.join(CORPUS_ROOT, 'dockerfiles');
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir).sort();
  const out: Input[] = [];
  for (let i = 0; i < names.length; i += every) {
    const p = path.join(dir, names[i]);
    if (!statSync(p).isFile()) continue;
    const text = readFileSync(p, 'utf8');
    out.push({ label: names[i], path: p, text, lines: lineCount(text) });
  }
  return out;
}

/** A stress file of the corpus, or a generated stand-in of about the same size when it is absent. */
export function stressInput(name: 'stress_10k' | 'stress_100k', approxLines: number): Input & { generated: boolean } {
  const p = path.join(CORPUS_ROOT, 'stress', `${name}.Dockerfile`);
  if (existsSync(p)) {
    const text = readFileSync(p, 'utf8');
    return { label: name, path: p, text, lines: lineCount(text), generated: false };
  }
  const text = generateDockerfile(approxLines, 7);
  return { label: `${name} (generated)`, path: path.join(REPO_ROOT, 'bench', `${name}.generated.Dockerfile`), text, lines: lineCount(text), generated: true };
}

/** Deterministic PRNG (mulberry32) so both servers and every run see the same positions. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A multi-stage Dockerfile of about `targetLines` lines made of the shapes real files have: global ARGs,
 * named stages built FROM earlier ones, RUN with continuations and heredocs, COPY --from, shell- and
 * exec-form CMD/ENTRYPOINT (some invalid JSON), LABEL blocks, comments and blank lines.
 */
export function generateDockerfile(targetLines: number, seed = 1): string {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const out: string[] = ['# syntax=docker/dockerfile:1', 'ARG BASE=debian:bookworm-slim', 'ARG NODE_VERSION=20', ''];
  let stage = 0;
  while (out.length < targetLines) {
    const name = `stage${stage}`;
    const base = stage > 0 && random() < 0.4 ? `stage${Math.floor(random() * stage)}` : pick(['${BASE}', 'node:${NODE_VERSION}-alpine', 'golang:1.22', 'python:3.12-slim']);
    out.push(`# ---- ${name}: generated stage ----`, `FROM ${base} AS ${name}`, `WORKDIR /src/${name}`);
    out.push(`ENV APP_HOME=/opt/${name} \\`, `    PATH=/opt/${name}/bin:$PATH`);
    out.push(
      'RUN set -eux; \\',
      '    apt-get update; \\',
      `    apt-get install -y --no-install-recommends ${pick(['curl', 'git', 'ca-certificates', 'make'])} ${pick(['gcc', 'jq', 'unzip', 'xz-utils'])}; \\`,
      '    rm -rf /var/lib/apt/lists/*',
    );
    if (random() < 0.5) out.push('COPY package.json package-lock.json ./', 'RUN npm ci --omit=dev');
    if (stage > 0 && random() < 0.5) out.push(`COPY --from=stage${Math.floor(random() * stage)} /out/ /usr/local/bin/`);
    if (random() < 0.3) out.push('RUN <<EOF', 'set -e', 'echo "generated heredoc"', 'mkdir -p /out', 'EOF');
    out.push(`LABEL org.opencontainers.image.title="${name}" \\`, '      org.opencontainers.image.source="https://example.invalid/repo"');
    out.push('', '# Copy the sources and build', 'COPY . .', `RUN make -j4 build && cp build/${name} /out/`);
    out.push(random() < 0.2 ? `CMD ['/usr/local/bin/${name}', '--serve']` : random() < 0.5 ? `CMD /usr/local/bin/${name} --serve` : `ENTRYPOINT ["/usr/local/bin/${name}"]`);
    if (random() < 0.2) out.push('HEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1');
    out.push('');
    stage++;
  }
  return out.join('\n') + '\n';
}
