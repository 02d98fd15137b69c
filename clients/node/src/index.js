// Verifies SmartComply webhook deliveries: X-SmartComply-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...].
// Each v1 is HMAC-SHA256 keyed with the UTF-8 bytes of the whole secret (whsec_ prefix included) over
// "<t>." followed by the raw body. Same contract as the Java library webhooks-signature and the shared
// vectors in testdata/signature-vectors.json. node:crypto only.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header that carries the signature. */
export const SIGNATURE_HEADER = 'X-SmartComply-Signature';
/** The event's evt_… id, stable across retries: de-duplicate on it. */
export const EVENT_ID_HEADER = 'X-SmartComply-Event-Id';
/** The event type, e.g. test.submitted. */
export const EVENT_TYPE_HEADER = 'X-SmartComply-Event-Type';
/** The quickstart's replay window, in seconds. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

const PREFIX = 'whsec_';
const MIN_KEY_BYTES = 16;
const MAX_TIMESTAMP_DIGITS = 19;
const MAX_TIMESTAMP = 9223372036854775807n; // the Java library's long
// Java's Character.isWhitespace, which the Java library strips: not String.prototype.trim's set.
const WHITESPACE = '[\\t\\n\\u000B\\f\\r\\u001C-\\u001F \\u1680\\u2000-\\u2006\\u2008-\\u200A\\u2028\\u2029\\u205F\\u3000]';
const BLANK = new RegExp(`^${WHITESPACE}*$`);
const STRIP = new RegExp(`^${WHITESPACE}+|${WHITESPACE}+$`, 'g');
const HEX = /^(?:[0-9a-fA-F]{2})*$/;
const BASE64 = /^[A-Za-z0-9+/]*$/;

const DESCRIPTIONS = {
  malformed_header: 'malformed or missing signature header',
  timestamp_too_old: 'timestamp outside tolerance (too old)',
  timestamp_in_future: 'timestamp outside tolerance (in the future)',
  no_matching_signature: 'no matching signature',
};

/**
 * Why a delivery was rejected. `reason` is one of malformed_header, timestamp_too_old,
 * timestamp_in_future, no_matching_signature. The message never contains the header, body or secret.
 */
export class WebhookVerificationError extends Error {
  constructor(reason) {
    super(`webhook signature verification failed: ${DESCRIPTIONS[reason]}`);
    this.name = 'WebhookVerificationError';
    this.reason = reason;
    /** 400 for a malformed header, 401 for a signature that does not authenticate. */
    this.status = reason === 'malformed_header' ? 400 : 401;
  }
}

/**
 * Verifies a delivery; returns nothing and throws WebhookVerificationError if it must be rejected.
 * The timestamp is checked first, then every v1 against every secret, in constant time.
 *
 * @param rawBody the exact body bytes (Buffer/Uint8Array, or a string taken as UTF-8) — never re-serialized JSON
 * @param header the X-SmartComply-Signature value; undefined/null (absent) is malformed
 * @param secretOrSecrets the endpoint's whsec_… secret, or several while rotating
 * @param options toleranceSeconds (default 300); now: a Date or unix seconds (default: the current time)
 */
export function verify(rawBody, header, secretOrSecrets, options = {}) {
  const body = toBytes(rawBody);
  const keys = toKeys(secretOrSecrets);
  const tolerance = toleranceOf(options.toleranceSeconds);
  const now = nowSeconds(options.now);
  const { timestamp, candidates } = parseHeader(header);
  // Timestamp first: a replayed or stale delivery is rejected without computing any MAC.
  const age = now - timestamp;
  if (age > tolerance) throw new WebhookVerificationError('timestamp_too_old');
  if (age < -tolerance) throw new WebhookVerificationError('timestamp_in_future');
  for (const key of keys) {
    const expected = mac(key, timestamp, body);
    for (const candidate of candidates) {
      // timingSafeEqual needs equal lengths; the length of a SHA-256 MAC is no secret.
      if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) return;
    }
  }
  throw new WebhookVerificationError('no_matching_signature');
}

/**
 * Returns the X-SmartComply-Signature value the service would send: one v1 per secret, in the given
 * order (oldest first). For tests of your receiver.
 *
 * @param rawBody the body bytes (or a string taken as UTF-8)
 * @param secretOrSecrets one whsec_… secret or several
 * @param timestamp unix seconds (number or bigint); default: now
 */
export function sign(rawBody, secretOrSecrets, timestamp = Math.floor(Date.now() / 1000)) {
  const body = toBytes(rawBody);
  const keys = toKeys(secretOrSecrets);
  const t = BigInt(timestamp);
  if (t < 0n) throw new RangeError('timestamp must not be negative');
  return `t=${t}` + keys.map((key) => `,v1=${mac(key, t, body).toString('hex')}`).join('');
}

/**
 * Express (or any Connect-style) middleware: reads the raw body itself, verifies it, and only then
 * calls next() with req.rawBody (Buffer) and req.body (the parsed JSON event). A rejected delivery
 * gets 400 (malformed header) or 401 (stale timestamp, no matching signature) as
 * application/problem+json with the reason as `code`. Mount it before express.json() on the route,
 * or after express.raw({ type: '*\/*' }) — a body that another parser already consumed cannot be verified.
 * Express itself is not imported.
 *
 * @param options secret or secrets, toleranceSeconds, limitBytes (default 5 MiB), now (tests)
 */
export function webhookMiddleware(options) {
  const secrets = options?.secrets ?? options?.secret;
  toKeys(secrets); // a bad secret fails at startup, not at the first delivery
  const limit = options.limitBytes ?? 5 * 1024 * 1024;
  return function smartComplyWebhook(req, res, next) {
    readBody(req, limit).then((raw) => {
      try {
        verify(raw, req.headers[SIGNATURE_HEADER.toLowerCase()], secrets, {
          toleranceSeconds: options.toleranceSeconds,
          now: typeof options.now === 'function' ? options.now() : options.now,
        });
      } catch (e) {
        if (e instanceof WebhookVerificationError) return problem(res, e.status, e.reason, e.message);
        return next(e);
      }
      req.rawBody = raw;
      try {
        req.body = raw.length === 0 ? undefined : JSON.parse(raw.toString('utf8'));
      } catch {
        return problem(res, 400, 'invalid_json', 'the signed body is not JSON');
      }
      next();
    }, (e) => (e.status === 413 ? problem(res, 413, 'body_too_large', e.message) : next(e)));
  };
}

function problem(res, status, code, detail) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/problem+json');
  res.end(JSON.stringify({ type: 'about:blank', title: 'Webhook rejected', status, code, detail }));
}

function readBody(req, limit) {
  if (Buffer.isBuffer(req.body)) return Promise.resolve(req.body); // express.raw() ran before us
  if (req.readableEnded) {
    return Promise.reject(new Error('The request body was already consumed (by express.json()?): '
      + 'mount webhookMiddleware before any body parser on this route'));
  }
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) {
        const e = new Error(`body larger than ${limit} bytes`);
        e.status = 413;
        req.removeAllListeners('data');
        req.resume();
        reject(e);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseHeader(header) {
  if (header === undefined || header === null) throw malformed();
  if (Array.isArray(header)) header = header.join(', '); // repeated header lines, as a proxy joins them
  if (typeof header !== 'string' || BLANK.test(header)) throw malformed();
  let timestamp = null;
  let sawV1 = false;
  const candidates = [];
  for (const element of header.split(',')) {
    if (BLANK.test(element)) continue; // tolerate "t=1,,v1=…" and a trailing comma
    const eq = element.indexOf('=');
    if (eq < 0) throw malformed();
    const key = strip(element.slice(0, eq));
    const value = strip(element.slice(eq + 1));
    if (key === 't') {
      if (timestamp !== null) throw malformed(); // two timestamps: which one was signed is ambiguous
      timestamp = value;
    } else if (key === 'v1') {
      sawV1 = true;
      if (HEX.test(value)) candidates.push(Buffer.from(value, 'hex')); // not hex: simply cannot match
    }
    // Other keys (v0, v2, …) are ignored so that new schemes can be added.
  }
  if (timestamp === null || !sawV1) throw malformed();
  return { timestamp: parseTimestamp(timestamp), candidates };
}

function parseTimestamp(value) {
  if (value.length === 0 || value.length > MAX_TIMESTAMP_DIGITS || !/^[0-9]+$/.test(value)) throw malformed();
  const t = BigInt(value);
  if (t > MAX_TIMESTAMP) throw malformed();
  return t; // signed as its canonical decimal: "0017…" is "17…"
}

function mac(key, timestamp, body) {
  return createHmac('sha256', key).update(`${timestamp}.`, 'ascii').update(body).digest();
}

function toKeys(secretOrSecrets) {
  const secrets = Array.isArray(secretOrSecrets) ? secretOrSecrets : [secretOrSecrets];
  if (secrets.length === 0) throw new TypeError('at least one signing secret is required');
  return secrets.map((secret) => {
    checkSecret(secret);
    return Buffer.from(secret, 'utf8'); // the whole string, prefix included, is the key
  });
}

/** Same rule as the Java SigningSecret.parse: whsec_ + standard base64 of at least 16 bytes. */
function checkSecret(secret) {
  const invalid = () => new TypeError(
    `signing secret must be '${PREFIX}' followed by standard base64 of at least ${MIN_KEY_BYTES} bytes`);
  if (typeof secret !== 'string' || !secret.startsWith(PREFIX)) throw invalid();
  const encoded = secret.slice(PREFIX.length);
  const data = encoded.replace(/={1,2}$/, '');
  const padded = data.length !== encoded.length;
  if (!BASE64.test(data) || data.length % 4 === 1 || (padded && encoded.length % 4 !== 0)) throw invalid();
  if (Math.floor((data.length * 3) / 4) < MIN_KEY_BYTES) throw invalid();
}

function toBytes(rawBody) {
  if (typeof rawBody === 'string') return Buffer.from(rawBody, 'utf8');
  if (rawBody instanceof Uint8Array) return Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength);
  throw new TypeError('rawBody must be the raw request body (Buffer, Uint8Array or string), not parsed JSON');
}

function toleranceOf(value) {
  if (value === undefined || value === null) return BigInt(DEFAULT_TOLERANCE_SECONDS);
  if (!Number.isInteger(Number(value)) || Number(value) < 0) {
    throw new RangeError('toleranceSeconds must be a non-negative whole number');
  }
  return BigInt(value);
}

function nowSeconds(now) {
  if (now === undefined || now === null) return BigInt(Math.floor(Date.now() / 1000));
  if (now instanceof Date) return BigInt(Math.floor(now.getTime() / 1000));
  if (typeof now === 'bigint') return now;
  if (typeof now === 'number' && Number.isFinite(now)) return BigInt(Math.floor(now));
  throw new TypeError('now must be a Date or unix seconds');
}

function strip(value) {
  return value.replace(STRIP, '');
}

function malformed() {
  return new WebhookVerificationError('malformed_header');
}
