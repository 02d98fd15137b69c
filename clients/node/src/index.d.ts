// Types of @smartcomply/webhooks (hand-written; the package is plain ESM JavaScript).
import type { IncomingMessage, ServerResponse } from 'node:http';

/** `X-SmartComply-Signature` */
export declare const SIGNATURE_HEADER: string;
/** `X-SmartComply-Event-Id`: the event's evt_… id, stable across retries. */
export declare const EVENT_ID_HEADER: string;
/** `X-SmartComply-Event-Type` */
export declare const EVENT_TYPE_HEADER: string;
/** 300 seconds, the quickstart's replay window. */
export declare const DEFAULT_TOLERANCE_SECONDS: number;

/** Why a delivery was rejected. */
export type VerificationFailureReason =
  | 'malformed_header'
  | 'timestamp_too_old'
  | 'timestamp_in_future'
  | 'no_matching_signature';

export declare class WebhookVerificationError extends Error {
  constructor(reason: VerificationFailureReason);
  readonly name: 'WebhookVerificationError';
  readonly reason: VerificationFailureReason;
  /** 400 for malformed_header, 401 otherwise. */
  readonly status: 400 | 401;
}

/** The raw request body: bytes, or a string taken as UTF-8. Never re-serialized JSON. */
export type RawBody = Uint8Array | string;
/** A `whsec_…` secret, or several while rotating. */
export type Secrets = string | readonly string[];

export interface VerifyOptions {
  /** Accepted distance between the signed timestamp and now, either way. Default 300. */
  toleranceSeconds?: number | bigint;
  /** The current time: a Date or unix seconds. Default: the system clock. */
  now?: Date | number | bigint;
}

/**
 * Verifies a delivery. Returns normally if it is authentic; throws WebhookVerificationError
 * (with `reason`) if not, TypeError/RangeError for a bad secret or argument.
 */
export declare function verify(
  rawBody: RawBody,
  header: string | readonly string[] | undefined | null,
  secretOrSecrets: Secrets,
  options?: VerifyOptions,
): void;

/** The header the service would send for this body: one v1 per secret, in order. For tests. */
export declare function sign(rawBody: RawBody, secretOrSecrets: Secrets, timestamp?: number | bigint): string;

export interface WebhookMiddlewareOptions {
  secret?: string;
  secrets?: readonly string[];
  toleranceSeconds?: number;
  /** Largest body read, in bytes; above it the answer is 413. Default 5 MiB. */
  limitBytes?: number;
  /** For tests: the current time, or a function returning it. */
  now?: Date | number | (() => Date | number);
}

/** A request after webhookMiddleware accepted it. */
export interface VerifiedWebhookRequest extends IncomingMessage {
  rawBody: Buffer;
  body: unknown;
}

/**
 * Express/Connect middleware: reads and verifies the raw body, sets req.rawBody and req.body
 * (parsed JSON), or answers 400/401 application/problem+json with `code` set to the reason.
 */
export declare function webhookMiddleware(
  options: WebhookMiddlewareOptions,
): (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;
