// The design diagram as a standalone SVG file: a copy of the drawn <svg> with each element's computed colours, strokes
// and fonts written inline (the page styles it with CSS variables and scoped classes, which a file does not carry).
const STYLE_PROPERTIES = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity',
  'font-family', 'font-size', 'font-style', 'font-weight', 'text-anchor', 'dominant-baseline', 'visibility',
];

export function standaloneSvg(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  originals.forEach((element, i) => {
    const style = getComputedStyle(element);
    const target = copies[i] as SVGElement;
    target.setAttribute('style', STYLE_PROPERTIES.map((p) => `${p}:${style.getPropertyValue(p)}`).join(';'));
    for (const attribute of [...target.attributes]) {
      if (attribute.name === 'class' || attribute.name === 'tabindex' || attribute.name.startsWith('data-')) target.removeAttribute(attribute.name);
    }
  });
  const [, , width, height] = (svg.getAttribute('viewBox') ?? '0 0 800 400').split(/\s+/);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', width);
  copy.setAttribute('height', height);
  const background = getComputedStyle(document.documentElement).getPropertyValue('--surface').trim() || '#ffffff';
  copy.insertAdjacentHTML('afterbegin', `<rect x="0" y="0" width="${width}" height="${height}" fill="${background}"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
}
