import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import type { BarData, Tone } from './chart-data.ts';

// Only what bar charts need, so the statistics chunk stays small.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

const toneColour = (tone: Tone): string => {
  const value = getComputedStyle(document.documentElement).getPropertyValue(`--${tone}`).trim();
  return value === '' ? '#1f4e79' : value;
};

const textColour = () => {
  const value = getComputedStyle(document.documentElement).getPropertyValue('--text').trim();
  return value === '' ? '#1b1f24' : value;
};

const configOf = (data: BarData, locale: string) => ({
  type: 'bar' as const,
  data: {
    labels: data.labels,
    datasets: data.series.map((s) => ({
      label: s.label,
      data: s.values,
      backgroundColor: s.tones.map(toneColour),
      borderRadius: 3,
      maxBarThickness: 48,
    })),
  },
  options: {
    locale,
    responsive: true,
    maintainAspectRatio: false,
    // The page is read by people, not watched: no motion (WCAG 2.3.3, prefers-reduced-motion).
    animation: false as const,
    plugins: {
      legend: {
        display: data.series.length > 1,
        position: 'bottom' as const,
        labels: { color: textColour() },
      },
      tooltip: {
        callbacks: data.percent
          ? {
              label: (c: { dataset: { label?: string }; formattedValue: string }) =>
                `${c.dataset.label}: ${c.formattedValue} %`,
            }
          : {},
      },
    },
    scales: {
      x: { stacked: data.stacked, grid: { display: false }, ticks: { color: textColour() } },
      y: {
        stacked: data.stacked,
        beginAtZero: true,
        ...(data.percent ? { max: 100 } : {}),
        ticks: {
          precision: 0,
          color: toneColour('muted'),
          ...(data.percent ? { callback: (value: string | number) => `${value} %` } : {}),
        },
      },
    },
  },
});

/** A Chart.js bar chart on `canvas`; call the result to free it. */
export const barChart = (canvas: HTMLCanvasElement, data: BarData, locale: string): (() => void) => {
  const chart = new Chart(canvas, configOf(data, locale));
  return () => chart.destroy();
};
