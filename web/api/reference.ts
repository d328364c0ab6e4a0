import { useQuery } from '@tanstack/react-query';
import type { Locale } from '../../common/locale';
import { api } from './client';
import type { District } from './types';

/** Qingdao's districts (and the regions outside it), from the server's reference data. */
export function useDistricts() {
  return useQuery({
    queryKey: ['reference', 'districts'],
    queryFn: ({ signal }) => api.get<District[]>('/districts', undefined, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function districtName(code: string, districts: District[] | undefined, locale: Locale): string {
  const d = districts?.find((x) => x.code === code);
  if (!d) return code;
  return locale === 'zh-CN' ? d.zh : d.en;
}
