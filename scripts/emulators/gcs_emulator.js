// GCS emulator for tests: firebase-tools' Cloud Storage emulator, started
// by loading its StorageEmulator class directly, so that neither Java (the
// CLI insists on Java 21 for the rules runtime) nor a download is needed.
// The JSON API routes use the admin storage layer, which never evaluates
// security rules, so the stubbed rules runtime changes nothing they do.
// Unmodified otherwise: no shim adds what the emulator lacks (see the
// test for the list). Listens on 127.0.0.1 only, on a free port (chosen
// here, never 9199 or Azurite's 10000 range) written to PORTFILE once the
// server accepts connections.
//
//   TMPDIR=DIR node gcs_emulator.js MODULEDIR PORTFILE
//
// MODULEDIR is where npm installed firebase-tools (scripts/install-deps).
'use strict';
const fs = require('fs');
const net = require('net');
const path = require('path');

const [moduleDir, portFile] = process.argv.slice(2);
const lib = path.join(moduleDir, 'node_modules/firebase-tools/lib');
const { StorageEmulator } = require(path.join(lib, 'emulator/storage'));
const { EmulatorRegistry } = require(path.join(lib, 'emulator/registry'));

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function main() {
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    if (port === 9199 || (port >= 10000 && port <= 10010)) continue;
    const emu = new StorageEmulator({
      projectId: 'demo-skyrocks',
      host: '127.0.0.1',
      port,
      rules: [],
      auto_download: false,
    });
    const noop = async () => {};
    emu._rulesRuntime.start = noop;
    emu._rulesRuntime.stop = noop;
    emu._rulesManager.start = noop;
    emu._rulesManager.stop = noop;
    try {
      await EmulatorRegistry.start(emu);
    } catch (e) {
      continue;  // lost the port to someone else: try another
    }
    fs.writeFileSync(portFile + '.tmp', String(port));
    fs.renameSync(portFile + '.tmp', portFile);
    return;
  }
  console.error('gcs_emulator.js: could not start the storage emulator');
  process.exit(1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
