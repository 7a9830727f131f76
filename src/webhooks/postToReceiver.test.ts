import type { LookupAddress } from 'node:dns';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../test/webhookReceiver.ts';
import {
  checkedLookup,
  failureMessage,
  postToReceiver,
  ReceiverRefused,
  type Resolver,
} from './postToReceiver.ts';
import { newWebhookSecret } from './secret.ts';

/** Stands in for DNS: answers each lookup with the next list of addresses (the last one repeats). */
function scriptedResolver(...answers: string[][]) {
  const calls: string[] = [];
  const resolve: Resolver = (hostname, _options, callback) => {
    calls.push(hostname);
    const answer = answers[Math.min(calls.length, answers.length) - 1];
    const addresses: LookupAddress[] = answer.map((address) => ({
      address,
      family: address.includes(':') ? 6 : 4,
    }));
    setImmediate(() => callback(null, addresses));
  };
  return { resolve, calls };
}

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};

describe('posting to a receiver', () => {
  let receiver: WebhookReceiver;
  let port: string;
  const headers = { 'content-type': 'application/json' };
  const strict = { headers, timeoutMs: 2000, allowPrivate: false };
  const onPremises = { headers, timeoutMs: 2000, allowPrivate: true };

  beforeAll(async () => {
    receiver = await startWebhookReceiver(newWebhookSecret());
    port = new URL(receiver.url).port;
  });
  afterAll(() => receiver?.close());

  it('refuses a host name that resolves to loopback, or to any private address among public ones', async () => {
    const before = receiver.received.length;
    const loopback = scriptedResolver(['127.0.0.1']);
    const refusal = postToReceiver(`http://hooks.rebind.test:${port}/hooks`, '{}', {
      ...strict,
      resolve: loopback.resolve,
    });
    await expect(refusal).rejects.toBeInstanceOf(ReceiverRefused);
    await expect(refusal).rejects.toThrow(
      "The receiver's address 127.0.0.1 (resolved from hooks.rebind.test) is loopback",
    );
    const mixed = scriptedResolver(['8.8.8.8', '::ffff:10.0.0.1']);
    await expect(
      postToReceiver('http://hooks.mixed.test/hooks', '{}', { ...strict, resolve: mixed.resolve }),
    ).rejects.toThrow(/::ffff:10\.0\.0\.1 \(IPv4 10\.0\.0\.1, resolved from hooks\.mixed\.test\) is private/);
    expect(receiver.received.length).toBe(before);
  });

  it('connects to the very address it checked, whatever DNS answers next (no rebinding)', async () => {
    // First answer: the receiver; any later answer would point elsewhere. Only one lookup is made,
    // and the request reaches the address that lookup gave.
    const rebinding = scriptedResolver(['127.0.0.1'], ['10.255.255.1']);
    const before = receiver.received.length;
    const status = await postToReceiver(`http://hooks.rebind.test:${port}/hooks`, '{"a":1}', {
      ...onPremises,
      resolve: rebinding.resolve,
    });
    expect(status).toBe(200);
    expect(rebinding.calls).toEqual(['hooks.rebind.test']);
    const [request] = receiver.received.slice(before);
    expect(request.headers.host).toBe(`hooks.rebind.test:${port}`);
    expect(request.body).toBe('{"a":1}');
  });

  it('checks what the system resolver says of localhost, in both shapes a socket asks for', async () => {
    const ask = (allowPrivate: boolean, all: boolean) =>
      new Promise<{ error: Error | null; result: unknown }>((resolve) =>
        checkedLookup(allowPrivate)('localhost', { all }, (error, result) => resolve({ error, result })),
      );
    for (const all of [true, false]) {
      const refused = await ask(false, all);
      expect(refused.error).toBeInstanceOf(ReceiverRefused);
      expect(refused.error?.message).toMatch(/\(resolved from localhost\) is loopback/);
    }
    const many = await ask(true, true);
    expect(many.error).toBeNull();
    expect((many.result as LookupAddress[]).map((a) => a.address)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^(127\.0\.0\.1|::1)$/)]),
    );
    const one = await ask(true, false);
    expect(one.result).toMatch(/^(127\.0\.0\.1|::1)$/);
  });

  it('does not follow a redirect, gives up at the timeout, and counts an answer by its status even if its body stalls', async () => {
    const redirecting = createServer((_request, response) => {
      response.writeHead(307, { location: receiver.url }).end();
    });
    const silent = createServer(() => undefined);
    // Answers 200 and then never finishes its body.
    const stalling = createServer((_request, response) => {
      response.writeHead(200);
      response.write('partial');
    });
    try {
      const redirectPort = await listen(redirecting);
      const silentPort = await listen(silent);
      const before = receiver.received.length;
      expect(await postToReceiver(`http://127.0.0.1:${redirectPort}/`, '{}', onPremises)).toBe(307);
      expect(receiver.received.length).toBe(before);
      const started = Date.now();
      const failure = await postToReceiver(`http://127.0.0.1:${silentPort}/`, '{}', {
        ...onPremises,
        timeoutMs: 300,
      }).catch((error: unknown) => error);
      expect(failureMessage(failure)).toMatch(/timeout/i);
      expect(Date.now() - started).toBeLessThan(2000);
      const stallingPort = await listen(stalling);
      expect(
        await postToReceiver(`http://127.0.0.1:${stallingPort}/`, '{}', { ...onPremises, timeoutMs: 300 }),
      ).toBe(200);
    } finally {
      stalling.closeAllConnections();
      stalling.close();
      redirecting.closeAllConnections();
      silent.closeAllConnections();
      redirecting.close();
      silent.close();
    }
  });
});
