// A Dockerfile on disk as bytes, and the text the engine reads from them, with a map between the two so
// that `--fix` edits byte ranges and writes every byte it did not edit back exactly as it was read.
//
// What the engine sees differs from a plain UTF-8 decoding in three places, each chosen to match BuildKit:
// - a UTF-8 byte-order mark is not text (BuildKit strips it from the first line); it is kept on write;
// - a byte that is not part of valid UTF-8 becomes one U+FFFD; an edit that touches it is refused;
// - a CR that is not followed by LF does not end a line (BuildKit splits lines on LF only, and a CR is
//   whitespace to its parser), so the engine sees a space there; an edit that touches it is refused.

const BOM = [0xef, 0xbb, 0xbf];

/** Why a unit of the engine's text is not the plain decoding of its bytes. */
const EXACT = 0;
const INVALID_BYTE = 1;
const LONE_CR = 2;
const LOW_SURROGATE = 3;

export interface DecodedFile {
  readonly bytes: Buffer;
  readonly bom: boolean;
  /** The text the engine analyses. */
  readonly text: string;
  /** Byte offset of each UTF-16 unit of `text`, plus one entry for the end. */
  readonly offsets: Uint32Array;
  readonly kinds: Uint8Array;
  readonly invalidBytes: number;
  readonly loneCrs: number;
  /** The line ending fixes that insert lines should use: CRLF when every line break of the file is CRLF. */
  readonly eol: '\n' | '\r\n';
}

export type DecodeResult = { ok: true; file: DecodedFile } | { ok: false; reason: string };

export function decodeDockerfile(bytes: Buffer): DecodeResult {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, reason: 'it is UTF-16 (it starts with a UTF-16 byte-order mark), and BuildKit reads a Dockerfile as UTF-8' };
  }
  const bom = bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
  const start = bom ? 3 : 0;
  const units: number[] = [];
  const offsets: number[] = [];
  const kinds: number[] = [];
  let invalidBytes = 0;
  let loneCrs = 0;
  let crlf = 0;
  let lf = 0;
  const push = (unit: number, offset: number, kind: number) => {
    units.push(unit);
    offsets.push(offset);
    kinds.push(kind);
  };
  for (let i = start; i < bytes.length; ) {
    const b = bytes[i];
    if (b < 0x80) {
      if (b === 0x0d && bytes[i + 1] !== 0x0a) {
        push(0x20, i, LONE_CR);
        loneCrs++;
      } else {
        if (b === 0x0a) {
          if (i > start && bytes[i - 1] === 0x0d) crlf++;
          else lf++;
        }
        push(b, i, EXACT);
      }
      i++;
      continue;
    }
    const cp = codePointAt(bytes, i);
    if (cp === null) {
      push(0xfffd, i, INVALID_BYTE);
      invalidBytes++;
      i++;
      continue;
    }
    if (cp.value > 0xffff) {
      const v = cp.value - 0x10000;
      push(0xd800 + (v >> 10), i, EXACT);
      push(0xdc00 + (v & 0x3ff), i, LOW_SURROGATE);
    } else {
      push(cp.value, i, EXACT);
    }
    i += cp.length;
  }
  offsets.push(bytes.length);
  return {
    ok: true,
    file: {
      bytes,
      bom,
      text: fromUnits(units),
      offsets: Uint32Array.from(offsets),
      kinds: Uint8Array.from(kinds),
      invalidBytes,
      loneCrs,
      eol: crlf > 0 && lf === 0 ? '\r\n' : '\n',
    },
  };
}

/** One well-formed UTF-8 sequence at `i` (no overlong forms, no surrogates, nothing above U+10FFFF). */
function codePointAt(bytes: Buffer, i: number): { value: number; length: number } | null {
  const b = bytes[i];
  let length: number;
  let value: number;
  let min: number;
  if (b >= 0xc2 && b <= 0xdf) [length, value, min] = [2, b & 0x1f, 0x80];
  else if (b >= 0xe0 && b <= 0xef) [length, value, min] = [3, b & 0x0f, 0x800];
  else if (b >= 0xf0 && b <= 0xf4) [length, value, min] = [4, b & 0x07, 0x10000];
  else return null;
  if (i + length > bytes.length) return null;
  for (let k = 1; k < length; k++) {
    const c = bytes[i + k];
    if ((c & 0xc0) !== 0x80) return null;
    value = (value << 6) | (c & 0x3f);
  }
  if (value < min || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return null;
  return { value, length };
}

function fromUnits(units: number[]): string {
  let out = '';
  for (let k = 0; k < units.length; k += 8192) out += String.fromCharCode(...units.slice(k, k + 8192));
  return out;
}

/** An edit in offsets of the engine's text. */
export interface TextOffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export type ByteEditResult = { ok: true; bytes: Buffer } | { ok: false; reason: string; line: number };

/**
 * Applies edits to the file's bytes: each edit replaces exactly the bytes its text range came from, and
 * every other byte is copied. Refuses (with the line) an edit that would touch a byte the engine's text
 * does not represent exactly, or that would write a replacement character standing for such a byte.
 */
export function applyByteEdits(file: DecodedFile, edits: readonly TextOffsetEdit[]): ByteEditResult {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: Buffer[] = [];
  let copied = 0;
  for (const edit of sorted) {
    const problem = refusal(file, edit);
    if (problem) return { ok: false, reason: problem, line: lineOf(file.text, edit.start) };
    const from = file.offsets[edit.start];
    const to = file.offsets[edit.end];
    if (from < copied) return { ok: false, reason: 'two fixes overlap', line: lineOf(file.text, edit.start) };
    parts.push(file.bytes.subarray(copied, from));
    const newText = file.eol === '\r\n' ? edit.newText.replace(/\r?\n/g, '\r\n') : edit.newText;
    parts.push(Buffer.from(newText, 'utf8'));
    copied = to;
  }
  parts.push(file.bytes.subarray(copied));
  return { ok: true, bytes: Buffer.concat(parts) };
}

function refusal(file: DecodedFile, edit: TextOffsetEdit): string | null {
  const { kinds, text } = file;
  if (edit.start < 0 || edit.end < edit.start || edit.end > text.length) return 'a fix points outside the file';
  if (kinds[edit.start] === LOW_SURROGATE || (edit.end < text.length && kinds[edit.end] === LOW_SURROGATE)) {
    return 'a fix would split a character';
  }
  for (let k = edit.start; k < edit.end; k++) {
    if (kinds[k] === INVALID_BYTE) return 'a fix would rewrite bytes that are not valid UTF-8';
    if (kinds[k] === LONE_CR) return 'a fix would rewrite a carriage return that does not end a line (BuildKit reads the text around it as one line)';
  }
  if (file.invalidBytes > 0 && edit.newText.includes('\ufffd')) return 'a fix would write a replacement character for bytes that are not valid UTF-8';
  return null;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let k = 0; k < offset && k < text.length; k++) if (text.charCodeAt(k) === 10) line++;
  return line;
}
