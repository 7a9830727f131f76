import { describe, expect, it } from 'vitest';
import {
  classifyAddress,
  embeddedIpv4,
  receiverAddressRefusal,
  receiverUrlRefusal,
} from './receiverAddress.ts';

const strict = { allowPrivate: false };
const onPremises = { allowPrivate: true };

describe('the receiver address classifier', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.10.3', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.20', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.254', 'shared'],
    ['169.254.169.254', 'link-local'],
    ['169.254.0.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['2001:db8::1', 'reserved'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)?.kind).toBe(kind);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.215.14',
    '172.15.255.255',
    '172.32.0.1',
    '100.63.255.255',
    '100.128.0.1',
    '169.253.255.255',
    '11.0.0.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001:80b::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
  ])('%s is public', (address) => {
    expect(classifyAddress(address)).toBeNull();
    expect(receiverAddressRefusal(address, strict)).toBeNull();
  });

  it('sees the IPv4 address inside IPv4-mapped, translated, compatible, NAT64 and 6to4 forms', () => {
    expect(embeddedIpv4('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(embeddedIpv4('::ffff:7f00:1')).toBe('127.0.0.1');
    expect(embeddedIpv4('0:0:0:0:0:ffff:a9fe:a9fe')).toBe('169.254.169.254');
    expect(embeddedIpv4('::ffff:0:a00:5')).toBe('10.0.0.5');
    expect(embeddedIpv4('::10.0.0.5')).toBe('10.0.0.5');
    expect(embeddedIpv4('64:ff9b::192.168.0.1')).toBe('192.168.0.1');
    expect(embeddedIpv4('2002:a9fe:a9fe::1')).toBe('169.254.169.254');
    expect(embeddedIpv4('2606:4700::1111')).toBeNull();
    expect(embeddedIpv4('::1')).toBeNull();
    expect(classifyAddress('::ffff:127.0.0.1')).toEqual({ kind: 'loopback', ipv4: '127.0.0.1' });
    expect(classifyAddress('::ffff:a9fe:a9fe')).toEqual({ kind: 'link-local', ipv4: '169.254.169.254' });
    expect(classifyAddress('::ffff:192.168.0.1')).toEqual({ kind: 'private', ipv4: '192.168.0.1' });
    expect(classifyAddress('2002:0a00:0005::')).toEqual({ kind: 'private', ipv4: '10.0.0.5' });
  });

  it('explains a refusal, and the allow setting lets loopback, private and shared addresses through only', () => {
    expect(receiverAddressRefusal('10.0.0.5', strict)).toBe(
      "The receiver's address 10.0.0.5 is private; refused. Set RAPPORT_WEBHOOK_ALLOW_PRIVATE=1 to deliver to receivers on your own network.",
    );
    expect(receiverAddressRefusal('::ffff:127.0.0.1', { ...strict, resolvedFrom: 'evil.test' })).toMatch(
      /^The receiver's address ::ffff:127\.0\.0\.1 \(IPv4 127\.0\.0\.1, resolved from evil\.test\) is loopback/,
    );
    for (const address of ['127.0.0.1', '::1', '10.0.0.5', 'fd00::5', '100.64.1.1', '::ffff:192.168.1.1'])
      expect(receiverAddressRefusal(address, onPremises)).toBeNull();
    // The metadata service and addresses that are never a receiver stay refused.
    for (const address of ['169.254.169.254', '::ffff:169.254.169.254', 'fe80::1', '0.0.0.0', '224.0.0.1'])
      expect(receiverAddressRefusal(address, onPremises)).toMatch(/; refused\.$/);
    expect(receiverAddressRefusal('169.254.169.254', strict)).toBe(
      "The receiver's address 169.254.169.254 is link-local (where cloud metadata services answer); refused.",
    );
  });
});

describe('a receiver URL judged before it is stored', () => {
  it.each([
    'http://127.0.0.1:8080/hooks',
    'http://10.0.0.5/hooks',
    'https://192.168.0.10/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]/hooks',
    'http://[::ffff:127.0.0.1]/hooks',
    'http://[fd00::1]:9000/',
    'http://localhost:3000/hooks',
    'http://LOCALHOST./hooks',
    'http://api.localhost/hooks',
    // Spellings the URL standard turns into 127.0.0.1.
    'http://2130706433/hooks',
    'http://0x7f.1/hooks',
    'http://127.1/hooks',
  ])('refuses %s', (url) => {
    expect(receiverUrlRefusal(url, strict)).toMatch(/refused/);
  });

  it('lets public addresses and host names through (host names are checked at delivery)', () => {
    expect(receiverUrlRefusal('https://hooks.example.com/in', strict)).toBeNull();
    expect(receiverUrlRefusal('https://8.8.8.8/in', strict)).toBeNull();
    expect(receiverUrlRefusal('https://[2606:4700::1111]/in', strict)).toBeNull();
    expect(receiverUrlRefusal('http://localhost.example.com/', strict)).toBeNull();
  });

  it('lets private and local URLs through when allowed, but never the metadata service', () => {
    expect(receiverUrlRefusal('http://127.0.0.1:8080/hooks', onPremises)).toBeNull();
    expect(receiverUrlRefusal('http://localhost:8080/hooks', onPremises)).toBeNull();
    expect(receiverUrlRefusal('http://10.1.2.3/hooks', onPremises)).toBeNull();
    expect(receiverUrlRefusal('http://169.254.169.254/', onPremises)).toMatch(/link-local/);
  });
});
