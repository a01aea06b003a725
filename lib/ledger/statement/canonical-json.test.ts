import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalJsonBytes, MAX_JSON_DEPTH } from './canonical-json';
import { isStatementError } from './errors';

/**
 * Vectors: RFC 8785 §3.2.2 (primitives), §3.2.3 (sorting) and Appendix B (numbers), and the
 * reference implementation's test data (github.com/cyberphone/json-canonicalization, testdata/
 * input + output: arrays, french, structures, unicode, values, weird). Inputs go through
 * JSON.parse, as they would from the wire.
 */
const canon = (json: string) => canonicalJson(JSON.parse(json));

describe('canonicalJson: RFC 8785 examples', () => {
  it('§3.2.2: serialises primitives as ECMAScript does', () => {
    const input = `{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
      "literals": [null, true, false]
    }`;
    expect(canon(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('§3.2.3: sorts member names by UTF-16 code units (an emoji sorts before U+FB33)', () => {
    const input = `{
      "\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control",
      "\\u00f6": "Latin Small Letter O With Diaeresis"
    }`;
    const out = canon(input);
    expect(out).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis",' +
        '"€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
    // §3.2.4: the UTF-8 bytes start 7b 22 5c 72 22 3a ("{\"\\r\":") and U+0080 is c2 80, unescaped.
    const bytes = canonicalJsonBytes(JSON.parse(input));
    expect([...bytes.subarray(0, 6)]).toEqual([0x7b, 0x22, 0x5c, 0x72, 0x22, 0x3a]);
    expect(Buffer.from(bytes).includes(Buffer.from([0x22, 0xc2, 0x80, 0x22]))).toBe(true);
  });

  // RFC 8785 Appendix B: IEEE-754 bit pattern → canonical text.
  const APPENDIX_B: Array<[string, string]> = [
    ['0000000000000000', '0'],
    ['8000000000000000', '0'], // minus zero
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ];
  it.each(APPENDIX_B)('Appendix B: %s → %s', (bits, expected) => {
    const number = Buffer.from(bits, 'hex').readDoubleBE(0);
    expect(canonicalJson(number)).toBe(expected);
    expect(canonicalJson([number])).toBe(`[${expected}]`);
  });

  it('Appendix B: NaN and Infinity are errors', () => {
    for (const bits of ['7fffffffffffffff', '7ff0000000000000', 'fff0000000000000']) {
      const number = Buffer.from(bits, 'hex').readDoubleBE(0);
      expect(() => canonicalJson({ n: number })).toThrow(
        /\$\.n is (NaN|Infinity|-Infinity); JSON numbers must be finite/,
      );
    }
  });
});

describe('canonicalJson: reference implementation test data (cyberphone/json-canonicalization)', () => {
  it.each([
    ['arrays', '[56, {"d": true, "10": null, "1": [ ]}]', '[56,{"1":[],"10":null,"d":true}]'],
    [
      'french',
      '{"peach": "This sorting order", "péché": "is wrong according to French", "pêche": "but canonicalization MUST", "sin": "ingnore locale"}',
      '{"peach":"This sorting order","péché":"is wrong according to French","pêche":"but canonicalization MUST","sin":"ingnore locale"}',
    ],
    [
      'structures',
      '{"1": {"f": {"f": "hi","F": 5} ,"\\n": 56.0}, "10": { }, "": "empty", "a": { }, "111": [ { } ], "A": { }}',
      '{"":"empty","1":{"\\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}}',
    ],
    [
      'unicode (no normalisation)',
      '{"Unnormalized Unicode":"\\u1e0d\\u0307"}',
      '{"Unnormalized Unicode":"\u1e0d\u0307"}',
    ],
    [
      'weird',
      '{"\\u20ac": "Euro Sign", "1": "One", "\\u0080": "Control\\u007f", "\\ud83d\\ude02": "Smiley", "\\u00f6": "Latin Small Letter O With Diaeresis", "\\ufb33": "Hebrew Letter Dalet With Dagesh", "</script>": "Browser Challenge"}',
      '{"1":"One","</script>":"Browser Challenge","\u0080":"Control\u007f","ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign","😂":"Smiley","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    ],
  ])('%s', (_name, input, expected) => {
    expect(canon(input)).toBe(expected);
  });

  it('simpleString: exact UTF-8 bytes (testdata/outhex)', () => {
    const hex = '22 74 68 69 73 20 69 73 20 61 20 74 65 73 74 20 73 74 72 69 6E 67 20 31 32 33 35 22';
    expect(Buffer.from(canonicalJsonBytes('this is a test string 1235')).toString('hex')).toBe(
      hex.replaceAll(' ', '').toLowerCase(),
    );
  });
});

describe('canonicalJson: refuses what is not I-JSON instead of repairing it', () => {
  const refuses = (value: unknown, message: RegExp) => {
    let caught: unknown;
    try {
      canonicalJson(value);
    } catch (error) {
      caught = error;
    }
    expect(isStatementError(caught, 'NOT_JSON'), String(caught)).toBe(true);
    expect((caught as Error).message).toMatch(message);
  };

  it('non-finite numbers, undefined in arrays and holes, bigint, functions, symbols', () => {
    refuses({ a: [1, Number.NaN] }, /\$\.a\[1\] is NaN/);
    refuses([1, undefined], /\$\[1\] is undefined/);
    const sparse: number[] = new Array(3); // a sparse array: the hole at 1 is undefined
    sparse[0] = 1;
    sparse[2] = 3;
    expect(1 in sparse).toBe(false);
    refuses(sparse, /\$\[1\] is undefined/);
    refuses(undefined, /\$ is undefined/);
    refuses({ n: 10n }, /\$\.n is a bigint/);
    refuses({ f: () => 1 }, /\$\.f is a function/);
    refuses([Symbol('s')], /\$\[0\] is a symbol/);
    refuses({ [Symbol('k')]: 1 }, /symbol keys/);
  });

  it('non-plain objects: Date, Map, typed arrays, class instances (toJSON is not consulted)', () => {
    refuses({ at: new Date(0) }, /\$\.at is a Date; only plain objects and arrays are JSON/);
    refuses(new Map([['a', 1]]), /is a Map/);
    refuses({ bytes: new Uint8Array(2) }, /is a Uint8Array/);
    class Thing {
      toJSON() {
        return 'x';
      }
    }
    refuses({ 'a b': new Thing() }, /\$\["a b"\] is a Thing/);
  });

  it('lone surrogates in strings and member names', () => {
    refuses({ s: 'a\ud800b' }, /\$\.s contains a lone UTF-16 surrogate/);
    refuses({ '\udc00': 1 }, /lone UTF-16 surrogate/);
    expect(canonicalJson('\ud83d\ude00')).toBe('"😀"'); // a proper pair is fine
  });

  it('cycles and excessive depth', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    refuses(cyclic, /\$\.self refers back to one of its ancestors/);
    let deep: unknown = 1;
    for (let i = 0; i < MAX_JSON_DEPTH; i++) deep = [deep];
    expect(canonicalJson(deep)).toBe(`${'['.repeat(MAX_JSON_DEPTH)}1${']'.repeat(MAX_JSON_DEPTH)}`);
    refuses([deep], /nested deeper than 64 levels/);
  });

  it('skips undefined object members (absent), accepts null-prototype objects and shared references', () => {
    expect(canonicalJson({ b: 1, a: undefined })).toBe('{"b":1}');
    const bare = Object.create(null) as Record<string, unknown>;
    bare.z = 1;
    bare.a = [];
    expect(canonicalJson(bare)).toBe('{"a":[],"z":1}');
    const shared = { x: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"x":1},{"x":1}]');
    expect(canonicalJson({ __proto__: null, __proto__x: 1 })).toBe('{"__proto__x":1}');
    expect(canonicalJson(JSON.parse('{"__proto__": {"a": 1}}'))).toBe('{"__proto__":{"a":1}}');
  });
});
