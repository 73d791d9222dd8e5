import type { VegaLiteSpec } from './chart-specs.js';

// Vega-Lite → Vega → SVG with vega's headless view (no browser, no canvas), then SVG → PNG with
// resvg using the system's fonts (DejaVu from Debian's fonts-dejavu-core). The libraries are
// loaded on first use through a computed specifier: start-up of other commands stays fast, and
// the esbuild bundle leaves resvg's native binding to Node's resolver instead of failing on it.

type VegaLite = typeof import('vega-lite');
type Vega = typeof import('vega');
type ResvgModule = typeof import('@resvg/resvg-js');

const load = <T>(name: string): Promise<T> => import(name) as Promise<T>;

let libraries: Promise<{ vegaLite: VegaLite; vega: Vega }> | undefined;

/** Render a Vega-Lite spec to an SVG string. */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  libraries ??= Promise.all([load<VegaLite>('vega-lite'), load<Vega>('vega')]).then(([vegaLite, vega]) => ({
    vegaLite,
    vega,
  }));
  const { vegaLite, vega } = await libraries;
  const compiled = vegaLite.compile(spec as unknown as Parameters<VegaLite['compile']>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

let resvg: Promise<ResvgModule> | undefined;

/** Render an SVG string to PNG bytes at twice its size, on white. */
export async function renderPng(svg: string): Promise<Uint8Array> {
  resvg ??= load<ResvgModule>('@resvg/resvg-js');
  const { Resvg } = await resvg;
  const image = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return image.render().asPng();
}
