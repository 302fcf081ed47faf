/**
 * SVG to PNG for papers, with resvg (@resvg/resvg-js: a prebuilt native renderer that npm
 * installs as an optional dependency for the platform). Text uses the system's fonts; the
 * figures ask for DejaVu Sans first. Loaded lazily: when the native binary is missing the
 * report is still written, without PNG files, and the caller says so.
 */
import { createRequire } from 'node:module';

type ResvgModule = typeof import('@resvg/resvg-js');

let loaded: ResvgModule | null | undefined;

function resvg(): ResvgModule | null {
  if (loaded === undefined) {
    try {
      loaded = createRequire(import.meta.url)('@resvg/resvg-js') as ResvgModule;
    } catch {
      loaded = null;
    }
  }
  return loaded;
}

/** True when PNG rendering is available on this platform. */
export function pngAvailable(): boolean {
  return resvg() !== null;
}

/**
 * Renders an SVG document to PNG bytes at `scale` × its size (2 gives ~190 dpi for a figure
 * drawn at 96 dpi). Throws when resvg is not installed.
 */
export function svgToPng(svg: string, scale = 2): Buffer {
  const mod = resvg();
  if (!mod) throw new Error('PNG output needs @resvg/resvg-js, whose native binary is not installed for this platform; the SVG files are written');
  const r = new mod.Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  });
  return r.render().asPng();
}
