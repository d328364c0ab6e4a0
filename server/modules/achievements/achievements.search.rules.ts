import { segment } from '../../lib/text.js';

/** A short excerpt of the text around the first matched word, with matches wrapped in 【】. */
export function highlight(text: string, q: string): string | null {
  const words = [...new Set(segment(q))].sort((a, b) => b.length - a.length);
  if (!words.length) return null;
  // One alternation, longest first, so that 溶解氧 is marked whole and not as 溶解 inside it.
  const pattern = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
  const first = text.search(pattern);
  if (first < 0) return null;
  const start = Math.max(0, first - 30);
  const excerpt = text.slice(start, start + 120);
  return (start > 0 ? '…' : '') + excerpt.replace(pattern, (m) => `【${m}】`) + (start + 120 < text.length ? '…' : '');
}
