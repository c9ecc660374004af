// bench/results.svg: requests per second and statements per request, product beside stock, as
// plain SVG bars (no charting library; the README shows the file as is).
import { formatMs, formatPerRequest, formatRate } from "./figures.ts";
import type { Measurement } from "./measure.ts";
import type { ScenarioResult } from "./targets.ts";
import type { WorkerName } from "./workers.ts";

const WIDTH = 760;
const MARGIN = 10;
const LABEL = 200;
const BAR_SPACE = 470;
const BAR = 11;
const ROW = 2 * BAR + 12;
const TITLE = "Benchmark: the product against the stock setup, per scenario";
const COLORS: Record<WorkerName, string> = { product: "#f38020", stock: "#8a8f98" };

type Panel = { title: string; value: (run: Measurement) => number; format: (v: number) => string };

const PANELS: Panel[] = [
  {
    title: "Requests per second (higher is better)",
    value: (run) => run.perSecond,
    format: formatRate,
  },
  {
    title: "p50 latency in ms (lower is better)",
    value: (run) => run.p50,
    format: formatMs,
  },
  {
    title: "Statements per request, counted at Postgres (lower is better)",
    value: (run) => run.statements,
    format: formatPerRequest,
  },
];

const escapeXml = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

function panel(
  results: ScenarioResult[],
  spec: Panel,
  top: number,
): { svg: string; height: number } {
  const values = results.flatMap((result) =>
    (["product", "stock"] as const).flatMap((name) => {
      const run = result.runs[name];
      return run && Number.isFinite(spec.value(run)) ? [spec.value(run)] : [];
    }),
  );
  const max = Math.max(1e-9, ...values);
  const parts = [
    `<text x="${MARGIN}" y="${top + 14}" class="title">${escapeXml(spec.title)}</text>`,
  ];
  results.forEach((result, row) => {
    const y = top + 28 + row * ROW;
    parts.push(
      `<text x="${LABEL - 8}" y="${y + BAR + 4}" class="label">${escapeXml(result.label)}</text>`,
    );
    (["product", "stock"] as const).forEach((name, index) => {
      const run = result.runs[name];
      const barY = y + index * BAR;
      if (!run || !Number.isFinite(spec.value(run))) {
        parts.push(`<text x="${LABEL + 4}" y="${barY + BAR - 2}" class="value">n/a</text>`);
        return;
      }
      const value = spec.value(run);
      const width = Math.max(value > 0 ? 1 : 0, (value / max) * BAR_SPACE);
      parts.push(
        `<rect x="${LABEL}" y="${barY}" width="${width.toFixed(1)}" height="${BAR - 1}" fill="${COLORS[name]}"><title>${name}: ${escapeXml(spec.format(value))}</title></rect>`,
        `<text x="${(LABEL + width + 4).toFixed(1)}" y="${barY + BAR - 2}" class="value">${escapeXml(spec.format(value))}</text>`,
      );
    });
  });
  return { svg: parts.join("\n"), height: 28 + results.length * ROW + 16 };
}

/** The chart for the given results, as a standalone SVG document; `caption` says when and where. */
export function chartSvg(results: ScenarioResult[], caption: string): string {
  const legendHeight = 28;
  let top = legendHeight;
  const panels = PANELS.map((spec) => {
    const drawn = panel(results, spec, top);
    top += drawn.height;
    return drawn.svg;
  });
  const legend = (["product", "stock"] as const)
    .map(
      (name, index) =>
        `<rect x="${LABEL + index * 110}" y="8" width="12" height="12" fill="${COLORS[name]}"/>` +
        `<text x="${LABEL + index * 110 + 18}" y="19" class="value">${name}</text>`,
    )
    .join("\n");
  const captionY = top + 4;
  top += 16;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${top}" viewBox="0 0 ${WIDTH} ${top}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12" role="img" aria-labelledby="title">
<title id="title">${TITLE}</title>
<style>.title{font-weight:600;font-size:13px;fill:#222}.label{text-anchor:end;fill:#333}.value{fill:#333}.caption{fill:#666;font-size:11px}</style>
<rect width="100%" height="100%" fill="#fff"/>
${legend}
${panels.join("\n")}
<text x="${MARGIN}" y="${captionY}" class="caption">${escapeXml(caption)}</text>
</svg>
`;
}
