// A tiny arithmetic evaluator for claygl's compositor size expressions ('width * 1.0 / 2', '[width * dpr / 4,
// height * dpr / 4]'), compiled once into closures. The renderer build (scripts/vite-plugin-no-eval.ts) puts it where
// claygl called `new Function`, which the app's Content-Security-Policy (no eval) refuses. It knows numbers, the names
// width, height and dpr, + - * /, unary minus, parentheses and one top-level [a, b, ...] list: not JavaScript.

export type SizeValue = number | number[];
export type SizeFunction = (width: number, height: number, dpr: number) => SizeValue;
type Scalar = (width: number, height: number, dpr: number) => number;

const NAMES: Record<string, Scalar> = { width: (w) => w, height: (_w, h) => h, dpr: (_w, _h, d) => d };
const TOKEN = /\s*(?:(\d+(?:\.\d*)?|\.\d+)|([A-Za-z_]\w*)|([-+*/()[\],]))/y;

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < source.length) {
    if (/^\s*$/.test(source.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(source);
    if (!m) throw new Error(`Invalid expression: unexpected "${source.slice(at).trim()[0]}" in "${source}"`);
    tokens.push(m[1] ?? m[2] ?? m[3]);
    at = TOKEN.lastIndex;
  }
  return tokens;
}

/** Compiles e.g. '[width * dpr / 4, height * dpr / 4]'; throws on anything else (as claygl did: "Invalid expression"). */
export function compileSizeExpression(source: string): SizeFunction {
  const tokens = tokenize(source);
  let i = 0;
  const fail = (what: string): never => { throw new Error(`Invalid expression: ${what} in "${source}"`); };
  const take = (t: string) => (tokens[i] === t ? (i++, true) : false);

  function primary(): Scalar {
    const t = tokens[i++];
    if (t === undefined) return fail('unexpected end');
    if (t === '-') { const inner = primary(); return (w, h, d) => -inner(w, h, d); }
    if (t === '+') return primary();
    if (t === '(') { const inner = sum(); if (!take(')')) fail('missing ")"'); return inner; }
    if (/^[\d.]/.test(t)) { const v = Number(t); return () => v; }
    const name = NAMES[t];
    return name ?? fail(`unknown name "${t}"`);
  }
  function product(): Scalar {
    let left = primary();
    while (tokens[i] === '*' || tokens[i] === '/') {
      const op = tokens[i++];
      const a = left;
      const b = primary();
      left = op === '*' ? (w, h, d) => a(w, h, d) * b(w, h, d) : (w, h, d) => a(w, h, d) / b(w, h, d);
    }
    return left;
  }
  function sum(): Scalar {
    let left = product();
    while (tokens[i] === '+' || tokens[i] === '-') {
      const op = tokens[i++];
      const a = left;
      const b = product();
      left = op === '+' ? (w, h, d) => a(w, h, d) + b(w, h, d) : (w, h, d) => a(w, h, d) - b(w, h, d);
    }
    return left;
  }

  let result: SizeFunction;
  if (take('[')) {
    const items: Scalar[] = [sum()];
    while (take(',')) items.push(sum());
    if (!take(']')) fail('missing "]"');
    result = (w, h, d) => items.map((f) => f(w, h, d));
  } else {
    result = sum();
  }
  if (i !== tokens.length) fail(`unexpected "${tokens[i]}"`);
  return result;
}
