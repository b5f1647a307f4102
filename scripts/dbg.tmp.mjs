import { launchChromium } from './lib/chromium.mjs';
import { startServer } from './serve.mjs';
const { server, url } = await startServer();
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
page.on('console', (m) => { if (m.type() !== 'debug') console.log(m.type(), m.text()); });
await page.goto(url + '?t=2025-06-02T12:00Z');
await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
console.log(await page.evaluate(() => {
  const { map, overlay } = window.explainer.mapView;
  const out = [];
  for (const [lon, lat] of [[33.47, 68.1517], [103.575, 52.915], [37.6, 48.0]]) {
    const p = map.project([lon, lat]);
    let r;
    try { const i = overlay.pickObject({ x: p.x, y: p.y, radius: 10 }); r = i ? (i.layer?.id + ':' + (i.object?.id ?? i.object?.place?.id)) : 'null'; } catch (e) { r = 'ERR ' + e.message; }
    let r2; try { r2 = overlay.pickMultipleObjects({ x: p.x, y: p.y, radius: 10 }).map(i => i.layer.id).join(','); } catch (e) { r2 = 'ERR ' + e.message; }
    out.push([p.x, p.y, r, r2]);
  }
  return JSON.stringify(out);
}));
await browser.close(); server.close();
