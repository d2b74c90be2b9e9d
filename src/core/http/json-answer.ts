/*
 * A GraphQL answer as UTF-8 bytes, built from pieces small enough to stay cheap.
 *
 * V8's JSON.stringify returns a rope of parts, and the first thing that encodes it (Buffer.from, a
 * socket write) flattens the whole rope into one string: for a compound's 800 persons that is a
 * 250 KB two-byte string in the young generation's large-object space, and allocating it cost
 * ≈ 1 ms a request in the server, more than the stringify itself (bench/RESULTS.md, "the answer
 * encoded in pieces"). Here the wide lists of an answer are stringified a group of elements at a
 * time, each group flattened on its own while it is written into the answer's buffer.
 *
 * The bytes are exactly those of `JSON.stringify(value) + '\n'` (Apollo's own serialization, trailing
 * newline included): only arrays and plain objects are walked here, and everything else (scalars,
 * objects with toJSON or another prototype) is left to JSON.stringify itself. tests/core/json-answer
 * holds the two to the same bytes.
 */

/** Characters per piece, about: a flat two-byte string of twice that (96 KB) still stays in the young generation's ordinary pages (large objects start at 128 KB). */
const PIECE = 24_576;

/** How a piece is written: a group of array elements loses its brackets where it joins its neighbours. */
const WHOLE = 0;
const AFTER_FIRST = 1; // its '[' becomes ','
const BEFORE_LAST = 2; // its ']' is dropped

/** Marks a value walked here (a list or a plain object) rather than written by JSON.stringify. */
const NOT_LEAF = '\u0000';

/**
 * JSON.stringify's text of a value it writes whole (undefined where it writes nothing), or NOT_LEAF.
 * A toJSON is called with the key '' here, and in a group of list elements with the element's
 * index within its group, where JSON.stringify passes the value's own key or index: the Dates of an
 * answer ignore it, and an answer holds nothing else with a toJSON.
 */
function leafText(value: unknown): string | undefined {
  if (value !== null && typeof value === 'object' && (Array.isArray(value) || isPlainObject(value))) return NOT_LEAF;
  const text: string | undefined = JSON.stringify(value);
  return text;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** What JSON.stringify omits from an object (and writes as null in an array). */
function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

class Pieces {
  readonly texts: string[] = [];
  readonly kinds: number[] = [];

  push(text: string, kind = WHOLE): void {
    this.texts.push(text);
    this.kinds.push(kind);
  }

  /** A value that is not omitted (the caller checks); `leaf` is its text when JSON.stringify writes it whole. */
  value(value: unknown, leaf = leafText(value)): void {
    if (leaf !== NOT_LEAF) return this.push(leaf ?? 'null');
    if (Array.isArray(value)) return this.array(value);
    const record = value as Record<string, unknown>;
    let open = '{';
    for (const key of Object.keys(record)) {
      const item = record[key];
      if (isOmitted(item)) continue;
      const text = leafText(item);
      // An object whose toJSON answers undefined is left out, as JSON.stringify leaves it out.
      if (text === undefined) continue;
      this.push(`${open}${JSON.stringify(key)}:`);
      open = ',';
      this.value(item, text);
    }
    this.push(open === '{' ? '{}' : '}');
  }

  /**
   * A list in groups of elements, as many as fit a piece by the size of its first element, which is
   * stringified once as that sample and written as it is. Elements about a piece or larger are
   * stringified one by one, and one far larger than its text was expected to be (more than two
   * pieces) is walked instead. A list of one element is walked, not measured: a chain of such lists
   * would otherwise be stringified once per level.
   */
  private array(list: unknown[]): void {
    if (list.length === 0) return this.push('[]');
    if (list.length === 1) {
      this.push('[');
      this.element(list[0]);
      return this.push(']');
    }
    const sample = elementText(list[0]);
    if (sample.length > 2 * PIECE) {
      this.push('[');
      this.element(list[0]);
    } else this.push(`[${sample}`);
    const size = Math.floor(PIECE / Math.max(sample.length, 1));
    if (size >= 2) {
      // Each group's '[' becomes the ',' after what precedes it; the last group's ']' closes the list.
      for (let at = 1; at < list.length; at += size) {
        const last = at + size >= list.length;
        this.push(JSON.stringify(list.slice(at, at + size)), AFTER_FIRST | (last ? WHOLE : BEFORE_LAST));
      }
      return;
    }
    for (let i = 1; i < list.length; i++) {
      const text = elementText(list[i]);
      if (text.length > 2 * PIECE) {
        this.push(',');
        this.element(list[i]);
      } else this.push(`,${text}`);
    }
    this.push(']');
  }

  /** A list's element, walked: JSON.stringify writes null for what it would omit from an object. */
  private element(item: unknown): void {
    if (isOmitted(item)) this.push('null');
    else this.value(item);
  }
}

/** A list element's JSON text as JSON.stringify writes it inside the list. */
function elementText(item: unknown): string {
  if (isOmitted(item)) return 'null';
  const text: string | undefined = JSON.stringify(item);
  return text ?? 'null';
}

/** `JSON.stringify(value) + '\n'` as UTF-8, without ever holding the whole text as one string. */
export function encodeJsonAnswer(value: unknown): Buffer {
  const pieces = new Pieces();
  pieces.value(value);
  pieces.push('\n');
  const { texts, kinds } = pieces;
  let bytes = 0;
  for (let i = 0; i < texts.length; i++) bytes += Buffer.byteLength(texts[i]) - (kinds[i] & BEFORE_LAST ? 1 : 0);
  const out = Buffer.allocUnsafe(bytes);
  let at = 0;
  for (let i = 0; i < texts.length; i++) {
    const start = at;
    at += out.write(texts[i], at);
    if (kinds[i] & AFTER_FIRST) out[start] = 0x2c; // ','
    if (kinds[i] & BEFORE_LAST) at -= 1; // the ']' the next group's ',' overwrites
  }
  return out;
}

/*
 * Apollo wants its serializer (`stringifyResult`) to return a string, and every answer passes through
 * it. The serializer here keeps the answer as it is and hands Apollo a token for it; the HTTP layer
 * claims the answer by its token as soon as Apollo returns, and encodes it once, straight into the
 * bytes it sends. A token starts with a NUL, which no JSON text does.
 */
const held = new Map<string, unknown>();
let issued = 0;

export function holdAnswer(value: unknown): string {
  const token = `\u0000answer:${(issued = (issued + 1) % Number.MAX_SAFE_INTEGER)}`;
  held.set(token, value);
  return token;
}

/** The answer behind a complete body's token, no longer held; undefined for a body that is not one. */
export function claimAnswer(body: { kind: string; string?: string }): { value: unknown } | undefined {
  if (body.kind !== 'complete' || !body.string?.startsWith('\u0000')) return undefined;
  if (!held.has(body.string)) return undefined;
  const value = held.get(body.string);
  held.delete(body.string);
  return { value };
}

/** How many answers wait to be claimed (0 between requests: a test holds the HTTP layer to it). */
export function heldAnswers(): number {
  return held.size;
}
