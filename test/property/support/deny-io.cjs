// Preloaded into the language server by test/protocol/robustness.test.ts (NODE_OPTIONS=--require …).
// Every way to spawn a process, open a socket, resolve a name or write a file is replaced by a function
// that reports `DFN-DENIED <name>` on stderr and throws; every path read through `fs` is reported as
// `DFN-READ <path>`. The test then checks that nothing was denied and that every read stayed inside the
// workspace, the extension's own folder or the configured notes.
'use strict';
const denied = (name) =>
  function deniedCall() {
    process.stderr.write(`DFN-DENIED ${name}\n`);
    throw new Error(`dockerfile-notes test: ${name} is not allowed in the language server`);
  };
const patch = (mod, modName, names) => {
  for (const n of names) if (typeof mod[n] === 'function') mod[n] = denied(`${modName}.${n}`);
};
patch(require('child_process'), 'child_process', ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']);
patch(require('net'), 'net', ['connect', 'createConnection', 'createServer']);
patch(require('tls'), 'tls', ['connect', 'createServer']);
patch(require('http'), 'http', ['request', 'get', 'createServer']);
patch(require('https'), 'https', ['request', 'get', 'createServer']);
patch(require('http2'), 'http2', ['connect', 'createServer', 'createSecureServer']);
patch(require('dgram'), 'dgram', ['createSocket']);
patch(require('dns'), 'dns', ['lookup', 'resolve', 'resolve4', 'resolve6', 'lookupService']);
patch(require('dns').promises, 'dns.promises', ['lookup', 'resolve', 'resolve4', 'resolve6']);
if (typeof globalThis.fetch === 'function') globalThis.fetch = denied('fetch');
if (typeof globalThis.WebSocket === 'function') globalThis.WebSocket = denied('WebSocket');

const fs = require('fs');
const writes = ['writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'mkdir', 'mkdirSync', 'mkdtemp', 'mkdtempSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync', 'unlink', 'unlinkSync', 'rename', 'renameSync', 'copyFile', 'copyFileSync', 'cp', 'cpSync', 'symlink', 'symlinkSync', 'link', 'linkSync', 'chmod', 'chmodSync', 'chown', 'chownSync', 'truncate', 'truncateSync', 'utimes', 'utimesSync', 'createWriteStream'];
patch(fs, 'fs', writes);
patch(fs.promises, 'fs.promises', writes.filter((n) => !n.endsWith('Sync') && n !== 'createWriteStream'));
for (const n of ['open', 'openSync']) {
  const original = fs[n];
  fs[n] = function (p, flags, ...rest) {
    if (typeof flags === 'string' && /[wa+]/.test(flags)) return denied(`fs.${n}(${flags})`)();
    if (typeof flags === 'number' && flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT)) return denied(`fs.${n}(${flags})`)();
    process.stderr.write(`DFN-READ ${p}\n`);
    return original.call(this, p, flags, ...rest);
  };
}
for (const n of ['readFileSync', 'readFile', 'readdirSync', 'readdir', 'statSync', 'stat', 'lstatSync', 'lstat', 'existsSync', 'realpathSync', 'readlinkSync', 'opendirSync', 'createReadStream']) {
  const original = fs[n];
  if (typeof original !== 'function') continue;
  const wrapped = function (p, ...rest) {
    if (typeof p === 'string' || Buffer.isBuffer(p) || p instanceof URL) process.stderr.write(`DFN-READ ${String(p)}\n`);
    return original.call(this, p, ...rest);
  };
  Object.assign(wrapped, original);
  fs[n] = wrapped;
}
