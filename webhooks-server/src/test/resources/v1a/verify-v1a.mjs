// Verifies the v1a entries of one delivery with Node's own crypto, as a receiver would.
// stdin: {"jwks": {...}, "id": "...", "timestamp": "...", "signature": "<webhook-signature>", "body": "<base64>"}
// stdout: one line per v1a entry, in header order: the kid of the JWKS key that verifies it, or "none".
import { createPublicKey, verify } from 'node:crypto';

let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) input += chunk;
const request = JSON.parse(input);

const keys = request.jwks.keys.map((jwk) => ({ kid: jwk.kid, key: createPublicKey({ key: jwk, format: 'jwk' }) }));
const signed = Buffer.concat([Buffer.from(`${request.id}.${request.timestamp}.`, 'utf8'), Buffer.from(request.body, 'base64')]);

for (const entry of request.signature.split(' ')) {
  const [version, value] = entry.split(',');
  if (version !== 'v1a') continue;
  const signature = Buffer.from(value, 'base64');
  const match = keys.find(({ key }) => verify(null, signed, key, signature));
  console.log(match ? match.kid : 'none');
}
