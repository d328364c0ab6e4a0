import { type QueryKey, type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';
import { applyFieldErrors, feedback, showError } from './feedback';

export interface ApiMutationOptions<TVars, TResult> {
  /** The success message (already in the interface language), or a function of the result. */
  success?: string | ((result: TResult, vars: TVars) => string | null | undefined);
  /** Query keys (prefixes) refreshed after success, e.g. `[['contracts']]`. Awaited before onSuccess. */
  invalidate?: readonly QueryKey[];
  /** A form to put the API's field errors on (`body.amount` → the `amount` field); other errors show as the standard notice. */
  form?: FormInstance;
  onSuccess?: (result: TResult, vars: TVars) => void | Promise<void>;
  /** Called after the standard error notice. */
  onError?: (error: unknown, vars: TVars) => void;
  /** No error notice at all (the caller shows the error in its own way). */
  silent?: boolean;
}

/**
 * A change through the API with the standard feedback: the success message, the refreshed
 * queries, and on failure the problem+json answer in the interface language — field errors
 * on the form when one is given, else a notification listing the invalid fields, else the
 * error's message (web/lib/feedback.ts). The app-wide mutation error handler stays quiet for it.
 *
 *   const save = useApiMutation((v: Body) => api.post('/things', v), { success: t('things.saved'), invalidate: [['things']], form });
 *   save.mutate(body)   // or: await save.mutateAsync(body)
 */
export function useApiMutation<TVars = void, TResult = unknown>(fn: (vars: TVars) => Promise<TResult>, options: ApiMutationOptions<TVars, TResult> = {}): UseMutationResult<TResult, unknown, TVars> {
  const queryClient = useQueryClient();
  return useMutation<TResult, unknown, TVars>({
    mutationFn: fn,
    meta: { silent: true },
    onSuccess: async (result, vars) => {
      await Promise.all((options.invalidate ?? []).map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      const text = typeof options.success === 'function' ? options.success(result, vars) : options.success;
      if (text) feedback.message?.success(text);
      await options.onSuccess?.(result, vars);
    },
    onError: (error, vars) => {
      // An expired session (401) is announced once by the app and leads to the sign-in page.
      const expired = error instanceof ApiError && error.status === 401;
      if (!options.silent && !expired && !(options.form && applyFieldErrors(options.form, error))) showError(error);
      options.onError?.(error, vars);
    },
  });
}
