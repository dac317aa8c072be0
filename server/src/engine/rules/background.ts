// Recognises a main process that starts a daemon and returns (`service nginx start`, `cmd &` …) and
// knows the foreground form of well-known services.
import { lexWords } from '../model/shell/lexer';
import type { CommandInfo } from '../model/commands';

export type Background =
  | { kind: 'service'; what: string; service: string; foreground: string[] | null }
  | { kind: 'ampersand' };

const START = new Set(['start', 'restart', 'reload', 'force-reload']);
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh']);

function base(p: string): string {
  return p.replace(/^.*\//, '');
}

/** Foreground argv for a service name as `service` / `systemctl` / init.d know it. */
export function foregroundFor(service: string): string[] | null {
  const s = service.replace(/\.service$/, '');
  if (s === 'nginx') return ['nginx', '-g', 'daemon off;'];
  if (s === 'apache2') return ['apache2ctl', '-D', 'FOREGROUND'];
  if (s === 'httpd') return ['httpd', '-D', 'FOREGROUND'];
  if (s === 'ssh' || s === 'sshd') return ['/usr/sbin/sshd', '-D'];
  if (s === 'cron') return ['cron', '-f'];
  if (s === 'crond') return ['crond', '-f'];
  if (s === 'supervisor' || s === 'supervisord') return ['supervisord', '-n'];
  const fpm = /^php(\d+(?:\.\d+)?)?-fpm$/.exec(s);
  if (fpm) return [fpm[1] ? `php-fpm${fpm[1]}` : 'php-fpm', '-F'];
  const fpm2 = /^php-fpm(\d+(?:\.\d+)?)?$/.exec(s);
  if (fpm2) return [s, '-F'];
  return null;
}

/** A daemon start among plain words, e.g. `service nginx start` or `apachectl start`. */
export function serviceStart(words: string[]): Background | null {
  let w = words;
  while (w.length > 0 && (w[0] === 'exec' || w[0] === 'sudo')) w = w.slice(1);
  if (w.length === 0) return null;
  const prog = base(w[0]);
  const what = w.join(' ');
  if (prog === 'service' && w.length >= 3 && START.has(w[2])) {
    return { kind: 'service', what, service: w[1], foreground: foregroundFor(w[1]) };
  }
  if (prog === 'systemctl') {
    const i = w.findIndex((x) => START.has(x));
    if (i > 0 && i + 1 < w.length) return { kind: 'service', what, service: w[i + 1], foreground: foregroundFor(w[i + 1]) };
  }
  const initd = /^\/etc\/init\.d\/(.+)$/.exec(w[0]);
  if (initd && w.length >= 2 && START.has(w[1])) {
    return { kind: 'service', what, service: initd[1], foreground: foregroundFor(initd[1]) };
  }
  // Bare `nginx`, `sshd`, `cron` also fork by default, but their configuration (often ADDed, unseen here)
  // may say otherwise; only explicit start verbs are reported.
  const rest = w.slice(1);
  if ((prog === 'apachectl' || prog === 'apache2ctl' || prog === 'httpd') && (rest[0] === 'start' || (rest[0] === '-k' && rest[1] === 'start'))) {
    return { kind: 'service', what, service: prog, foreground: [w[0], '-D', 'FOREGROUND'] };
  }
  return null;
}

/** Splits shell text at top-level `&&`, `||`, `;` and newlines (quotes respected, roughly). */
export function splitSequence(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"' && i + 1 < text.length) {
        cur += c + text[++i];
        continue;
      }
      if (c === quote) quote = null;
      cur += c;
      continue;
    }
    if (c === '\\' && i + 1 < text.length) {
      cur += c + text[++i];
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      cur += c;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      out.push(cur);
      cur = '';
      i++;
      continue;
    }
    if (c === ';' || c === '\n') {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

function scriptBackground(script: string): { found: Background; single: boolean } | null {
  const trimmed = script.trim();
  const segments = splitSequence(trimmed);
  if (segments.length === 0) return null;
  // A lone trailing `&` (not `&&`, not an escaped one).
  if (/(^|[^&\\])&$/.test(trimmed)) return { found: { kind: 'ampersand' }, single: segments.length === 1 };
  const last = segments[segments.length - 1];
  const lexed = lexWords(last);
  const words = lexed.kind === 'words' ? lexed.words : last.split(/[ \t]+/);
  const found = serviceStart(words);
  return found ? { found, single: segments.length === 1 && lexed.kind === 'words' } : null;
}

/**
 * The background start in a CMD / ENTRYPOINT, and whether the command is only that (so that replacing the
 * whole command with the foreground form is a sensible fix).
 */
export function detectBackground(info: CommandInfo): { found: Background; single: boolean } | null {
  if (info.form === 'shell') return scriptBackground(info.text);
  if (info.form !== 'exec' || !info.args || info.args.length === 0) return null;
  const args = info.args;
  if (SHELLS.has(base(args[0]))) {
    const c = args.findIndex((a, i) => i > 0 && /^-\w*c$/.test(a));
    if (c > 0 && c + 1 < args.length) {
      const r = scriptBackground(args[c + 1]);
      return r ? { found: r.found, single: false } : null;
    }
    return null;
  }
  const found = serviceStart(args);
  return found ? { found, single: true } : null;
}
