import { fieldKeysFromEnv } from '../../src/core/crypto/field-keys';
import { blindIndex, blindIndexes, open, openOnRead, seal, sealedKeyId } from '../../src/core/crypto/sealed';

const K1 = Buffer.alloc(32, 1).toString('base64');
const K2 = Buffer.alloc(32, 2).toString('base64');
const INDEX = Buffer.alloc(32, 3).toString('base64');

describe('sealed personal values', () => {
  it('seal with the current key, open with any configured one (rotation), and never look alike twice', () => {
    const old = fieldKeysFromEnv({ FIELD_ENCRYPTION_KEYS: `k1:${K1}`, FIELD_INDEX_KEY: INDEX }, true);
    const rotated = fieldKeysFromEnv({ FIELD_ENCRYPTION_KEYS: `k2:${K2},k1:${K1}`, FIELD_INDEX_KEY: INDEX }, true);
    const sealedOld = seal('14010519800101123X', old);
    expect(sealedKeyId(sealedOld)).toBe('k1');
    expect(open(sealedOld, rotated)).toBe('14010519800101123X');
    const sealedNew = seal('14010519800101123X', rotated);
    expect(sealedKeyId(sealedNew)).toBe('k2');
    expect(sealedNew).not.toBe(seal('14010519800101123X', rotated));
    expect(() => open(sealedNew, old)).toThrow('the key k2 that sealed a value is not configured');
    // Tampering is detected (GCM's tag), not decrypted into something else. Flip one bit of the
    // decoded bytes: editing a character of the text could land on base64's unused bits, or leave
    // the character as it was (the flake this replaced, one run in 64).
    const [prefix, keyId, data] = sealedNew.split(':');
    for (const at of [0, 20, 40]) {
      const bytes = Buffer.from(data, 'base64url');
      bytes[at] ^= 0x01;
      const tampered = `${prefix}:${keyId}:${bytes.toString('base64url')}`;
      expect(tampered).not.toBe(sealedNew);
      expect(() => open(tampered, rotated)).toThrow();
    }
  });

  it("open a row's sealed values when they are read, once, and not before", () => {
    const keys = fieldKeysFromEnv({ FIELD_ENCRYPTION_KEYS: `k1:${K1}`, FIELD_INDEX_KEY: INDEX }, true);
    const other = fieldKeysFromEnv({ FIELD_ENCRYPTION_KEYS: `k2:${K2}`, FIELD_INDEX_KEY: INDEX }, true);
    const row: { phone: string | null; idNumber: string | null; name: string } = {
      phone: seal('13812345678', keys),
      idNumber: seal('14010519800101123X', other),
      name: '张三',
    };
    openOnRead(row, 'phone', keys);
    openOnRead(row, 'idNumber', keys); // sealed under a key these keys lack: fails only when read
    expect(row.name).toBe('张三');
    expect(row.phone).toBe('13812345678');
    expect(Object.getOwnPropertyDescriptor(row, 'phone')).toMatchObject({ value: '13812345678', writable: true });
    expect(() => row.idNumber).toThrow('the key k2 that sealed a value is not configured');
    row.idNumber = null; // a resolver may still overwrite it
    expect(row.idNumber).toBeNull();
    const empty: { phone: string | null } = { phone: null };
    openOnRead(empty, 'phone', keys);
    expect(empty.phone).toBeNull();
    expect(JSON.parse(JSON.stringify({ ...row }))).toEqual({ phone: '13812345678', idNumber: null, name: '张三' });
  });

  it('index the normalized value under their own key: the same for old and new keys, different per kind', () => {
    const a = fieldKeysFromEnv({ FIELD_ENCRYPTION_KEYS: `k1:${K1}`, FIELD_INDEX_KEY: INDEX }, true);
    const b = fieldKeysFromEnv({ FIELD_ENCRYPTION_KEYS: `k2:${K2}`, FIELD_INDEX_KEY: INDEX }, true);
    expect(blindIndex('id-number', '14010519800101123x', a)).toBe(blindIndex('id-number', '14010519800101123X', b));
    expect(blindIndex('phone', '138 1234 5678', a)).toBe(blindIndex('phone', '13812345678', a));
    expect(blindIndex('phone', '140105198001011230', a)).not.toBe(blindIndex('id-number', '140105198001011230', a));
    expect(blindIndex('phone', null, a)).toBeNull();
  });

  it('refuse to run production on the published development keys', () => {
    expect(() => fieldKeysFromEnv({}, true)).toThrow('required in production');
    expect(fieldKeysFromEnv({}, false).development).toBe(true);
    // …nor on their values given by name: they are published constants.
    const dev = fieldKeysFromEnv({}, false);
    const devKey = dev.keys.get('dev')!.toString('base64');
    const devIndex = dev.indexKey.toString('base64');
    expect(() => fieldKeysFromEnv({ FIELD_ENCRYPTION_KEYS: `k1:${devKey}`, FIELD_INDEX_KEY: INDEX }, true)).toThrow(
      'the current key k1 of FIELD_ENCRYPTION_KEYS is the published development key',
    );
    expect(() => fieldKeysFromEnv({ FIELD_ENCRYPTION_KEYS: `k1:${K1}`, FIELD_INDEX_KEY: devIndex }, true)).toThrow(
      'FIELD_INDEX_KEY is the published development index key',
    );
    // Listed after a real key, they only open (and find) what was sealed under them, to be re-sealed away.
    const away = fieldKeysFromEnv({ FIELD_ENCRYPTION_KEYS: `k2:${K2},k1:${devKey}`, FIELD_INDEX_KEY: `${INDEX},${devIndex}` }, true);
    expect(away.current).toBe('k2');
    // Outside production they are accepted as given (a developer's own copy of a dump).
    expect(fieldKeysFromEnv({ FIELD_ENCRYPTION_KEYS: `k1:${devKey}`, FIELD_INDEX_KEY: devIndex }, false).current).toBe('k1');
  });

  it('look a value up under the current index key first, then under each previous one (rotation)', () => {
    const OLD = Buffer.alloc(32, 4).toString('base64');
    const before = fieldKeysFromEnv({ FIELD_ENCRYPTION_KEYS: `k1:${K1}`, FIELD_INDEX_KEY: OLD }, true);
    const during = fieldKeysFromEnv({ FIELD_ENCRYPTION_KEYS: `k1:${K1}`, FIELD_INDEX_KEY: `${INDEX},${OLD}` }, true);
    const stored = blindIndex('id-number', '14010519800101123X', before);
    // New values are indexed under the new key; lookups still find those indexed under the old one.
    expect(blindIndex('id-number', '14010519800101123X', during)).not.toBe(stored);
    expect(blindIndexes('id-number', '14010519800101123x', during)).toEqual([
      blindIndex('id-number', '14010519800101123X', during),
      stored,
    ]);
    expect(blindIndexes('phone', '13812345678', before)).toEqual([blindIndex('phone', '13812345678', before)]);
    expect(() => fieldKeysFromEnv({ FIELD_ENCRYPTION_KEYS: `k1:${K1}`, FIELD_INDEX_KEY: `${INDEX},${INDEX}` }, true)).toThrow('twice');
    expect(() => fieldKeysFromEnv({ FIELD_ENCRYPTION_KEYS: `k1:${K1}`, FIELD_INDEX_KEY: `${INDEX},c2hvcnQ=` }, true)).toThrow(
      'previous key 1 of FIELD_INDEX_KEY must be 32 bytes',
    );
  });
});
