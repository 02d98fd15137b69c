// A complete receiver on node:http with webhookMiddleware (Express apps mount the same middleware:
// app.post('/webhooks/smartcomply', webhookMiddleware({ secret }), handler)).
//
//   SMARTCOMPLY_WEBHOOK_SECRET=whsec_... PORT=3000 node receiver.mjs
//
// SMARTCOMPLY_WEBHOOK_SECRET may list several secrets, comma-separated, while rotating. PORT=0 picks a
// free port; the first line printed names it. One line per request: "verified <type> <id>" or
// "rejected <status> <reason>".
import { createServer } from 'node:http';
import { webhookMiddleware } from '../src/index.js';

const secrets = (process.env.SMARTCOMPLY_WEBHOOK_SECRET ?? '').split(',');
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);
const verified = webhookMiddleware({ secrets });

const server = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/webhooks/smartcomply') {
    res.statusCode = 404;
    res.end();
    return;
  }
  res.on('finish', () => {
    if (res.statusCode >= 400) console.log(`rejected ${res.statusCode} ${res.rejectedReason ?? ''}`.trim());
  });
  const end = res.end.bind(res);
  res.end = (chunk, ...rest) => { // remember the reason the middleware answered with, for the log line
    if (res.statusCode >= 400 && chunk) {
      try { res.rejectedReason = JSON.parse(chunk).code; } catch { /* not ours */ }
    }
    return end(chunk, ...rest);
  };
  verified(req, res, (err) => {
    if (err) {
      res.statusCode = 500;
      res.end();
      return;
    }
    // Acknowledge fast, process asynchronously, de-duplicate on the event id.
    console.log(`verified ${req.body.type} ${req.body.id}`);
    res.setHeader('Content-Type', 'application/json');
    res.end('{"received":true}');
  });
});

server.listen(port, host, () => console.log(`node-receiver listening on ${host}:${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
