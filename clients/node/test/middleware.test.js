// webhookMiddleware on a real HTTP server on 127.0.0.1 (node:http; Express calls it the same way).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { webhookMiddleware, sign } from '../src/index.js';

const SECRET = 'whsec_TCRrf9UBwEacUY93qOzeccW4AIzPeW+l';
const OTHER = 'whsec_C2FtcGxlIHNlY3JldCBmb3IgdGVzdHMhIQ==';
const NOW = 1767225600;
let server;
let url;
const accepted = [];

before(async () => {
  const middleware = webhookMiddleware({ secrets: [OTHER, SECRET], now: () => NOW, limitBytes: 1024 });
  server = createServer((req, res) => {
    middleware(req, res, (err) => {
      if (err) {
        res.statusCode = 500;
        res.end(String(err));
        return;
      }
      accepted.push({ rawBody: req.rawBody.toString('utf8'), body: req.body });
      res.setHeader('Content-Type', 'application/json');
      res.end('{"received":true}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${server.address().port}/webhooks/smartcomply`;
});

after(() => new Promise((resolve) => server.close(resolve)));

async function post(body, header) {
  const headers = { 'Content-Type': 'application/json' };
  if (header !== undefined) headers['X-SmartComply-Signature'] = header;
  const res = await fetch(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(10_000) });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

test('a genuine delivery reaches the handler with its raw body and parsed JSON', async () => {
  const body = '{ "id": "evt_1", "type": "test.submitted", "title": "Zoë 🚀" }';
  const res = await post(body, sign(body, SECRET, NOW));
  assert.equal(res.status, 200);
  assert.deepEqual(accepted.at(-1), { rawBody: body, body: { id: 'evt_1', type: 'test.submitted', title: 'Zoë 🚀' } });
});

test('rejections are problem+json with the precise reason, and never reach the handler', async () => {
  const count = accepted.length;
  const body = '{"id":"evt_2"}';
  const cases = [
    [undefined, 400, 'malformed_header'],
    ['t=abc,v1=00', 400, 'malformed_header'],
    [sign(body, SECRET, NOW - 301), 401, 'timestamp_too_old'],
    [sign(body, SECRET, NOW + 301), 401, 'timestamp_in_future'],
    [sign(body, 'whsec_' + 'A'.repeat(32), NOW), 401, 'no_matching_signature'],
    [sign('{"id":"evt_3"}', SECRET, NOW), 401, 'no_matching_signature'],
  ];
  for (const [header, status, code] of cases) {
    const res = await post(body, header);
    assert.equal(res.status, status, code);
    assert.equal(res.type, 'application/problem+json');
    assert.equal(JSON.parse(res.text).code, code);
  }
  assert.equal(accepted.length, count);
});

test('a body over the limit is 413 without being buffered whole', async () => {
  const body = JSON.stringify({ pad: 'x'.repeat(2048) });
  const res = await post(body, sign(body, SECRET, NOW));
  assert.equal(res.status, 413);
  assert.equal(JSON.parse(res.text).code, 'body_too_large');
});

test('a bad secret fails when the middleware is made, not at the first delivery', () => {
  assert.throws(() => webhookMiddleware({ secret: 'not-a-secret' }), TypeError);
});
