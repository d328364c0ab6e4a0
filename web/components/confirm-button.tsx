import { Button, type ButtonProps, Popconfirm } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../lib/i18n';

export interface ConfirmButtonProps {
  /** The button's text, and the confirmation's title unless `title` is given. */
  label: ReactNode;
  title?: ReactNode;
  /** What confirming means, in a sentence or two. */
  description?: ReactNode;
  /** The confirming button's text; default 确认 / Confirm. */
  okText?: ReactNode;
  onConfirm: () => unknown;
  loading?: boolean;
  type?: ButtonProps['type'];
  /** A destructive change: red button and red confirmation. */
  danger?: boolean;
  size?: ButtonProps['size'];
  style?: ButtonProps['style'];
  /** data-testid of the button; the confirmation's OK button gets `confirmTestId` or `<testId>-confirm`. */
  testId?: string;
  confirmTestId?: string;
  /** Width of the description; default 320. */
  descriptionWidth?: number;
}

/**
 * A button whose action asks first (Popconfirm): for steps that write to the ledger or cannot be undone.
 *
 *   <ConfirmButton label={t('x.approve')} description={t('x.approveConfirm')} onConfirm={() => approve.mutate()} loading={approve.isPending} testId="x-approve" />
 */
export function ConfirmButton({ label, title, description, okText, onConfirm, loading, type = 'primary', danger, size, style, testId, confirmTestId, descriptionWidth = 320 }: ConfirmButtonProps) {
  const { t } = useI18n();
  return (
    <Popconfirm
      title={title ?? label}
      description={description ? <div style={{ maxWidth: descriptionWidth }}>{description}</div> : undefined}
      okText={okText ?? t('common.actions.confirm')}
      cancelText={t('common.actions.cancel')}
      okButtonProps={{ danger, 'data-testid': confirmTestId ?? (testId ? `${testId}-confirm` : undefined) } as ButtonProps}
      onConfirm={() => onConfirm()}
    >
      <Button type={type} danger={danger} size={size} style={style} loading={loading} data-testid={testId}>
        {label}
      </Button>
    </Popconfirm>
  );
}

/**
 * The small link in a table row that asks before it acts (remove, revoke, deactivate); destructive unless `danger={false}`:
 *
 *   <RowConfirmButton title={t('x.removeConfirm', { name })} onConfirm={() => remove.mutateAsync(id)} testId={`x-remove-${id}`}>
 *     {t('common.actions.remove')}
 *   </RowConfirmButton>
 */
export function RowConfirmButton({
  title,
  okText,
  onConfirm,
  danger = true,
  testId,
  children,
}: {
  title: ReactNode;
  okText?: ReactNode;
  onConfirm: () => unknown;
  danger?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  return <ConfirmButton label={children} title={title} okText={okText ?? children} onConfirm={onConfirm} danger={danger} type="link" size="small" testId={testId} />;
}
