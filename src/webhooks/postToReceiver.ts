import { type LookupAddress, type LookupOptions, lookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { receiverAddressRefusal } from './receiverAddress.ts';

/** A receiver whose address is not one webhooks may reach; nothing was sent. */
export class ReceiverRefused extends Error {
  readonly code = 'ERR_WEBHOOK_RECEIVER_REFUSED';
}

export interface PostOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  /** RAPPORT_WEBHOOK_ALLOW_PRIVATE: loopback, private and carrier-grade NAT receivers are allowed. */
  allowPrivate: boolean;
  /** How host names are resolved: the system's resolver (dns.lookup) unless a test stands in for DNS. */
  resolve?: Resolver;
}

/** Every address a host name resolves to. */
export type Resolver = (
  hostname: string,
  options: LookupOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

const systemResolver: Resolver = (hostname, options, callback) =>
  lookup(hostname, { ...options, all: true }, callback);

/**
 * Resolves a host name, refuses it when any address it resolves to may not be reached, and hands
 * the socket those very addresses: the check and the connection use one answer, so a DNS answer
 * that changes in between (rebinding) cannot lead the connection elsewhere.
 */
export function checkedLookup(allowPrivate: boolean, resolve: Resolver = systemResolver): LookupFunction {
  return (hostname, options: LookupOptions, callback) => {
    resolve(hostname, options, (error, addresses) => {
      if (error) return callback(error, '', 0);
      for (const { address } of addresses) {
        const refusal = receiverAddressRefusal(address, { allowPrivate, resolvedFrom: hostname });
        if (refusal) return callback(new ReceiverRefused(refusal), '', 0);
      }
      if (addresses.length === 0) return callback(new Error(`${hostname} has no address.`), '', 0);
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

// Kept-alive connections are pooled by host and port only, so each setting has its own agents: a
// connection opened while private receivers were allowed is never lent to a strict delivery.
const agents = {
  strict: { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) },
  private: { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) },
};

/**
 * POSTs `body` to a receiver with Node's own HTTP client, and answers its status code. Redirects
 * are not followed (a 3xx is the answer). The answer's body is read and dropped, which frees the
 * connection; `timeoutMs` bounds the whole exchange. Throws `ReceiverRefused` when the URL's
 * address, literal or resolved, is not one webhooks may reach.
 */
export function postToReceiver(url: string, body: string, options: PostOptions): Promise<number> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  if (!secure && target.protocol !== 'http:')
    return Promise.reject(new Error(`The receiver's URL must be http or https, not ${target.protocol}`));
  if (target.username || target.password)
    return Promise.reject(new Error("The receiver's URL carries credentials; they are not sent."));
  const hostname = target.hostname.replace(/^\[(.*)\]$/, '$1');
  // A literal address is connected to without a lookup, so it is judged here.
  if (isIP(hostname)) {
    const refusal = receiverAddressRefusal(hostname, { allowPrivate: options.allowPrivate });
    if (refusal) return Promise.reject(new ReceiverRefused(refusal));
  }
  const agent = agents[options.allowPrivate ? 'private' : 'strict'];
  const client = secure ? https : http;
  const payload = Buffer.from(body, 'utf8');
  return new Promise<number>((resolve, reject) => {
    let answered: number | undefined;
    const request = client.request(
      {
        method: 'POST',
        protocol: target.protocol,
        hostname,
        port: target.port || undefined,
        path: `${target.pathname}${target.search}`,
        headers: { ...options.headers, 'content-length': String(payload.length) },
        agent: secure ? agent.https : agent.http,
        lookup: checkedLookup(options.allowPrivate, options.resolve),
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (response) => {
        answered = response.statusCode ?? 0;
        const status = answered;
        response.on('error', () => undefined);
        response.on('close', () => resolve(status));
        response.resume();
      },
    );
    // An answer whose body is cut short (by the timeout) still counts by its status.
    request.on('error', (error) => (answered === undefined ? reject(error) : resolve(answered)));
    request.end(payload);
  });
}

/** The message an attempt's log shows for a failure to get an answer. */
export function failureMessage(failure: unknown): string {
  const error = failure as Error & { cause?: Error; errors?: Error[] };
  if (error instanceof ReceiverRefused) return error.message;
  if (error.name === 'AbortError' && error.cause?.message) return error.cause.message;
  // Several addresses tried in turn (happy eyeballs) fail together.
  if (!error.message && error.errors?.length) return error.errors.map((e) => e.message).join('; ');
  return error.message || String(failure);
}
