// Mocha entry point loaded by VS Code's extension host (test-electron, or code-server's
// --extensionTestsPath). Bundled to out/suite/index.js by test/runElectronTests.ts.
import Mocha from 'mocha';
import { extensionSuite } from './extension.test';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60000 });
  mocha.suite.emit('pre-require', globalThis, 'extension', mocha);
  extensionSuite();
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension test(s) failed`)) : resolve()));
  });
}
