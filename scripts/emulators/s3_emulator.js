// S3 emulator for tests: @20minutes/s3rver (verifies SigV4) plus the
// conditional writes S3 has and s3rver ignores (PUT If-None-Match: * and
// If-Match: <etag> answer 412 when they fail, atomically per key), and
// S3's all-or-nothing PUT: s3rver streams a body into the object as it
// arrives, so a client killed mid-upload left a truncated object; here a
// body is received whole (its Content-Length, and Content-MD5 when sent)
// before anything is stored, else 400 IncompleteBody / BadDigest; an
// object appears (in listings and GETs) only once whole. And
// S3's additional checksums for CRC32C: a PUT's x-amz-checksum-crc32c is
// checked (400 BadDigest), and a whole-object GET of such an object with
// x-amz-checksum-mode: ENABLED answers with the CRC32C of its bytes.
// Listens on 127.0.0.1 only, on an ephemeral port written to PORTFILE.
//
//   node --openssl-legacy-provider s3_emulator.js MODULEDIR DATADIR PORTFILE
//
// MODULEDIR is where npm installed @20minutes/s3rver (scripts/install-deps).
'use strict';
const path = require('path');
const fs = require('fs');
const crypto = require('crypto');
const { Readable } = require('stream');

const [moduleDir, dataDir, portFile] = process.argv.slice(2);
const S3rver = require(path.join(moduleDir, 'node_modules/@20minutes/s3rver/lib/s3rver.js'));

const app = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory: dataDir,
  vhostBuckets: false,
  configureBuckets: [{ name: 'skyrocks-test' }],
});

// s3rver writes an object's bytes in place, and lists and serves the file
// while it is being written (size 0 or partial, an md5 of the part): a
// WAL chunk in flight looked like an empty seal to a new writer, which then
// did not seal the log (acknowledged writes lost in the fencing test). S3
// shows an object only once whole: the bytes go to a temporary name (never
// listed, it lacks the object suffix) and are renamed into place.
const putContent = app.store.putContent.bind(app.store);
let partialSeq = 0;
app.store.putContent = async (objectPath, content) => {
  const partial = `${objectPath}.partial-${process.pid}-${partialSeq++}`;
  try {
    const result = await putContent(partial, content);
    await fs.promises.rename(partial, objectPath);
    return result;
  } catch (err) {
    await fs.promises.rm(partial, { force: true });
    throw err;
  }
};

// Per-key queues so a condition and the write it guards are atomic.
const locks = new Map();
async function withKeyLock(key, fn) {
  const prev = locks.get(key) || Promise.resolve();
  let release;
  const mine = new Promise((r) => { release = r; });
  const chained = prev.then(() => mine);
  locks.set(key, chained);
  await prev;
  try {
    return await fn();
  } finally {
    release();
    if (locks.get(key) === chained) locks.delete(key);
  }
}

const unquote = (s) => (s || '').replace(/^"|"$/g, '');

async function conditional(ctx, next) {
  const inm = ctx.get('if-none-match');
  const im = ctx.get('if-match');
  if (ctx.method !== 'PUT' || (!inm && !im) || ctx.querystring.includes('partNumber')) {
    return next();
  }
  const parts = ctx.path.split('/').filter((p) => p.length > 0);
  const bucket = decodeURIComponent(parts[0] || '');
  const key = parts.slice(1).map(decodeURIComponent).join('/');
  return withKeyLock(bucket + '/' + key, async () => {
    const exists = await app.store.existsObject(bucket, key);
    let fail = false;
    if (inm === '*' && exists) fail = true;
    if (im) {
      if (!exists) {
        fail = true;
      } else {
        const meta = await app.store.getMetadata(bucket, key);
        fail = unquote(meta && meta.etag) !== unquote(im);
      }
    }
    if (fail) {
      ctx.status = 412;
      ctx.type = 'application/xml';
      ctx.body = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PreconditionFailed</Code>' +
        '<Message>At least one of the pre-conditions you specified did not hold</Message>' +
        '<Condition>' + (inm ? 'If-None-Match' : 'If-Match') + '</Condition></Error>';
      return undefined;
    }
    return next();
  });
}

// CRC32C (Castagnoli), base64 of the big-endian value, as S3 gives it.
const CRC32C_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();
function crc32cBase64(buf) {
  let c = -1;
  for (const b of buf) c = CRC32C_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  const out = Buffer.alloc(4);
  out.writeUInt32BE((c ^ -1) >>> 0);
  return out.toString('base64');
}

// bucket/key of objects whose last PUT carried a CRC32C. A whole-object
// GET of one states the CRC32C of the bytes it sends (what S3 keeps from
// the upload; computed here so a racing PUT never makes it stale).
const checksummed = new Set();
const objectId = (ctx) => {
  const parts = ctx.path.split('/').filter((p) => p.length > 0);
  return parts.map(decodeURIComponent).join('/');
};

async function checksumOnGet(ctx, next) {
  const id = objectId(ctx);
  await next();
  if (!id.includes('/')) return;
  // Replaced by a completed multipart upload: no checksum.
  if (ctx.method === 'POST' && ctx.querystring.startsWith('uploadId=')) {
    if (ctx.status < 300) checksummed.delete(id);
    return;
  }
  if (ctx.querystring !== '') return;
  if (ctx.method === 'PUT' && ctx.status < 300) {  // a PUT or a copy
    if (ctx.get('x-amz-checksum-crc32c')) checksummed.add(id); else checksummed.delete(id);
  }
  if (ctx.method === 'GET' && ctx.status === 200 && !ctx.get('range') &&
      ctx.get('x-amz-checksum-mode') === 'ENABLED' && checksummed.has(id)) {
    let buf = ctx.body;
    if (buf && !Buffer.isBuffer(buf) && typeof buf.pipe === 'function') {
      const chunks = [];
      for await (const c of buf) chunks.push(c);
      buf = Buffer.concat(chunks);
      ctx.body = buf;
    }
    if (Buffer.isBuffer(buf)) ctx.set('x-amz-checksum-crc32c', crc32cBase64(buf));
  }
}

async function wholeBody(ctx, next) {
  const declared = ctx.get('content-length');
  if (ctx.method !== 'PUT' || declared === '') return next();
  const chunks = [];
  let aborted = false;
  await new Promise((resolve) => {
    ctx.req.on('data', (c) => chunks.push(c));
    ctx.req.on('end', resolve);
    ctx.req.on('aborted', () => { aborted = true; resolve(); });
    ctx.req.on('error', () => { aborted = true; resolve(); });
  });
  const body = Buffer.concat(chunks);
  const md5 = ctx.get('content-md5');
  let code = null;
  if (aborted || body.length !== parseInt(declared, 10)) {
    code = 'IncompleteBody';
  } else if (md5 && crypto.createHash('md5').update(body).digest('base64') !== md5) {
    code = 'BadDigest';
  }
  const crc = ctx.get('x-amz-checksum-crc32c');
  if (!code && crc && crc32cBase64(body) !== crc) code = 'BadDigest';
  if (code) {
    ctx.status = 400;
    ctx.type = 'application/xml';
    ctx.body = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>' + code +
      '</Code><Message>the body was not received whole</Message></Error>';
    return undefined;
  }
  ctx.req = Readable.from([body]);
  return next();
}

app.middleware.unshift(conditional);
app.middleware.unshift(wholeBody);
app.middleware.unshift(checksumOnGet);

app.run().then((address) => {
  fs.writeFileSync(portFile + '.tmp', String(address.port));
  fs.renameSync(portFile + '.tmp', portFile);
}).catch((err) => {
  console.error('s3 emulator failed to start:', err);
  process.exit(1);
});
