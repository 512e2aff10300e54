// A tiny math markup for equations drawn as HTML: `W_{ih} x_t`, `h_{t-1}`, `y^{(k)}`. Splits it into runs of
// plain, subscript and superscript text; MathLine.vue renders them with <sub>/<sup>. Pure: tested in Node.
export interface MathPart {
  text: string;
  kind: 'plain' | 'sub' | 'sup';
}

export function mathParts(source: string): MathPart[] {
  const parts: MathPart[] = [];
  const push = (text: string, kind: MathPart['kind']) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else parts.push({ text, kind });
  };
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if ((ch === '_' || ch === '^') && i + 1 < source.length) {
      const kind = ch === '_' ? 'sub' : 'sup';
      if (source[i + 1] === '{') {
        const end = source.indexOf('}', i + 2);
        const close = end === -1 ? source.length : end;
        push(source.slice(i + 2, close), kind);
        i = close + 1;
      } else {
        push(source[i + 1], kind);
        i += 2;
      }
      continue;
    }
    push(ch, 'plain');
    i++;
  }
  return parts;
}
