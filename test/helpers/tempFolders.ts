// Temporary folders for protocol tests: made under os.tmpdir(), written file by file, removed together.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export class TempFolders {
  private readonly made: string[] = [];

  /** A new empty folder (its real path, so that it compares equal to what the server reports). */
  make(prefix: string): string {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
    this.made.push(dir);
    return dir;
  }

  removeAll(): void {
    for (const dir of this.made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes each file (path relative to `root`), creating its folders. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
}
