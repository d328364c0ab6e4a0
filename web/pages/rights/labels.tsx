export { pick } from '../../lib/bilingual';

/** "0.8" → "80%" without floats. */
export function percentOfRatio(ratio: string | null | undefined): string {
  if (!ratio) return '';
  const [i = '0', f = ''] = ratio.split('.');
  const digits = `${f}000000`;
  const whole = `${i === '0' ? '' : i}${digits.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  const rest = digits.slice(2).replace(/0+$/, '');
  return `${whole || '0'}${rest ? `.${rest}` : ''}%`;
}
