import { createHmac } from 'node:crypto';
import { isPrivateAddress, urlProblem } from '../../src/modules/webhooks/address-policy';
import { MAX_ATTEMPTS, retryDelayMs } from '../../src/modules/webhooks/backoff';
import { signatureHeader } from '../../src/modules/webhooks/signature';

/* The parts of webhooks that need no database: the documented test vector, the retry waits, the address policy. */

const BODY =
  '{"id":"Q29tbXVuaXR5OjE.42","type":"household.updated","createdAt":"2025-12-01T00:00:00.000Z","communityId":"Q29tbXVuaXR5OjE","change":{"nodeId":"SG91c2Vob2xkOjc","type":"Household","kind":"UPDATED","fields":["doorNo"]}}';
const FIRST = 'whsec_dGVzdC12ZWN0b3Itc2VjcmV0LW5vdC1mb3ItdXNlLTAx';
const SECOND = 'whsec_c2Vjb25kLXNlY3JldC1mb3ItdGhlLXJvdGF0aW9uLTAy';

describe('webhook signatures', () => {
  it('match the test vector of docs/integration.md', () => {
    expect(signatureHeader([FIRST], 1764547200, BODY)).toBe(
      't=1764547200,v1=c05bef0cdf9036d33ef7b00ffb3baa9fdedaad89b7e58f19018be711bb4df4a2',
    );
    expect(signatureHeader([FIRST, SECOND], 1764547200, BODY)).toBe(
      't=1764547200,v1=c05bef0cdf9036d33ef7b00ffb3baa9fdedaad89b7e58f19018be711bb4df4a2,v1=b061414c70e05ca2a6f352ed5cfdcc33e04179b3c11158952a429b9db56d57b2',
    );
    // And the vector is what any HMAC-SHA256 gives.
    expect(createHmac('sha256', FIRST).update(`1764547200.${BODY}`).digest('hex')).toBe(
      'c05bef0cdf9036d33ef7b00ffb3baa9fdedaad89b7e58f19018be711bb4df4a2',
    );
  });
});

describe('webhook retries', () => {
  it('double from 2 minutes with at most a fifth of jitter: 8 tries over about 4 hours', () => {
    expect(MAX_ATTEMPTS).toBe(8);
    const waits = (r: number) => Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1, r));
    expect(waits(0.5)).toEqual([2, 4, 8, 16, 32, 64, 128].map((m) => m * 60_000));
    const sum = (r: number) => waits(r).reduce((a, b) => a + b, 0) / 3600_000;
    expect(sum(0)).toBeCloseTo(3.39, 2);
    expect(sum(0.5)).toBeCloseTo(4.23, 2);
    expect(sum(0.999999)).toBeCloseTo(5.08, 2);
  });
});

describe('webhook addresses', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.0.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '::ffff:7f00:1',
    '::127.0.0.1',
    '::7f00:1',
    '::ffff:0:7f00:1',
    '::ffff:0:10.1.2.3',
    '2002:7f00:1::1',
    '2002:c0a8:101::',
    '2001:0:4136:e378:8000:63bf:3fff:fdd2',
    'fec0::1',
    '64:ff9b:1::a00:1',
    '2001:db8::1',
    'not-an-address',
  ])('refuses %s', (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8', '::8.8.8.8', '2002:808:808::1', '2400:3200::1'])(
    'allows %s',
    (address) => expect(isPrivateAddress(address)).toBe(false),
  );

  it('takes http(s) URLs with a host and without credentials only', () => {
    expect(urlProblem('https://sync.example.org/hooks')).toBeNull();
    expect(urlProblem('http://sync.example.org:8080/hooks')).toBeNull();
    expect(urlProblem('ftp://example.org/')).toMatch(/http/);
    expect(urlProblem('javascript:alert(1)')).toMatch(/http/);
    expect(urlProblem('https://a:b@example.org/')).toMatch(/credentials/);
    expect(urlProblem('nonsense')).toBe('not a URL');
  });
});
